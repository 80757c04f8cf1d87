# Tekstane i standardtemaet til tolk, på nynorsk.
# Nettstaden kan overstyre kvar melding i locales/nn/*.ftl.

# $site: namnet på nettstaden (`title` i tolk.yaml eller i Hugo-oppsettet)
site-name = { $site }
# A line under the name; empty in the default theme.
site-tagline = { "" }
# $title: tittelen på sida
document-title = { $title } – { $site }
# Etter namnet og slagordet i logolenkja, for skjermlesarar
home-link = til framsida
skip-link = Hopp til hovudinnhaldet
menu-main-label = Hovudmeny
menu-section-label = Sider i denne delen
breadcrumbs-label = Du er her
language-switcher-label = Vel språk
# $lang: språkkoden til sida lenkja går til (nb, nn, en). Merket blir skrive på det språket
# og merkt med det (lang="nb").
in-language =
    { $lang ->
        [nb] (på bokmål)
        [en] (in English)
       *[other] (på eit anna språk)
    }
untranslated-notice-title = Sida finst ikkje på nynorsk
untranslated-notice = Sida du kom frå, er ikkje omsett til nynorsk enno. Du er no på framsida.
# Lenkja tilbake, vist på nynorsk til ein lesar som kom frå ei side på nynorsk
untranslated-notice-back = Tilbake til sida på nynorsk
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
# Who publishes the site, and where readers get help; empty in the default theme.
footer-provider = { "" }
footer-help = { "" }
