# Tekstene i standardtemaet til tolk, på bokmål.
# Nettstedet kan overstyre hver melding i locales/nb/*.ftl.

# $site: navnet på nettstedet (`title` i tolk.yaml eller i Hugo-oppsettet)
site-name = { $site }
# A line under the name; empty in the default theme.
site-tagline = { "" }
# $title: sidens tittel
document-title = { $title } – { $site }
# Etter navnet og slagordet i logolenken, for skjermlesere
home-link = til forsiden
skip-link = Hopp til hovedinnholdet
menu-main-label = Hovedmeny
menu-section-label = Sider i denne delen
breadcrumbs-label = Du er her
language-switcher-label = Velg språk
# $lang: språkkoden til siden lenken går til (nb, nn, en). Merket skrives på det språket
# og merkes med det (lang="nn").
in-language =
    { $lang ->
        [nn] (på nynorsk)
        [en] (in English)
       *[other] (på et annet språk)
    }
untranslated-notice-title = Siden finnes ikke på bokmål
untranslated-notice = Siden du kom fra, er ikke oversatt til bokmål ennå. Du er nå på forsiden.
# Lenken tilbake, vist på bokmål til en leser som kom fra en side på bokmål
untranslated-notice-back = Tilbake til siden på bokmål
not-yet-translated = Denne siden er ikke oversatt til bokmål ennå; teksten vises på originalspråket.
related-pages = Relaterte sider
# $date: datoen siden sist ble endret
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
       *[other] { $minutes } minutter
    }
not-found-title = Fant ikke siden
not-found-text = Siden du leter etter, finnes ikke eller er flyttet. Sjekk at adressen er riktig, eller gå til forsiden.
not-found-home = Gå til forsiden
footer-label = Om nettstedet
# Who publishes the site, and where readers get help; empty in the default theme.
footer-provider = { "" }
footer-help = { "" }
