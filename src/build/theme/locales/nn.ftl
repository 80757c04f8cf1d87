# Tekstane i standardtemaet til tolk, på nynorsk.
# Nettstaden kan overstyre kvar melding i locales/nn/*.ftl.

site-name = MinID
site-tagline = Elektronisk ID for offentlege tenester
# $title: tittelen på sida
document-title = { $title } – MinID
home-link = MinID, til framsida
skip-link = Hopp til hovudinnhaldet
menu-main-label = Hovudmeny
menu-section-label = Sider i denne delen
breadcrumbs-label = Du er her
language-switcher-label = Vel språk
# $lang: språkkoden til sida lenkja går til (nb, nn, en)
in-language =
    { $lang ->
        [nb] (på bokmål)
        [en] (på engelsk)
       *[other] (på eit anna språk)
    }
untranslated-notice-title = Sida finst ikkje på nynorsk
untranslated-notice = Sida du kom frå, er ikkje omsett til nynorsk enno. Du er no på framsida.
not-yet-translated = Denne sida er ikkje omsett til nynorsk enno; teksten er vist på originalspråket.
related-pages = Relaterte sider
# $date: datoen sida sist vart endra
last-updated = Sist oppdatert { $date }
date-long =
    { $day }. { $month ->
        [1] januar
        [2] februar
        [3] mars
        [4] april
        [5] mai
        [6] juni
        [7] juli
        [8] august
        [9] september
        [10] oktober
        [11] november
       *[12] desember
    } { $year }
reading-time =
    Lesetid: { $minutes ->
        [one] { $minutes } minutt
       *[other] { $minutes } minutt
    }
not-found-title = Fann ikkje sida
not-found-text = Sida du leitar etter, finst ikkje eller er flytta. Sjekk at adressa er rett, eller gå til framsida.
not-found-home = Gå til framsida
footer-label = Om nettstaden
footer-provider = MinID blir levert av Digitaliseringsdirektoratet (Digdir).
footer-help = Treng du hjelp med MinID? Brukarstøtta svarar på telefon og e-post.
