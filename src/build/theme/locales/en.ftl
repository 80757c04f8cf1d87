# The strings of tolk's default theme, in English.
# The site can override any message in locales/en/*.ftl.

site-name = MinID
site-tagline = Electronic ID for public services
# $title: the page's title
document-title = { $title } – MinID
home-link = MinID, to the front page
skip-link = Skip to main content
menu-main-label = Main menu
menu-section-label = Pages in this section
breadcrumbs-label = You are here
language-switcher-label = Choose language
# $lang: the language code of the page the link leads to (nb, nn, en)
in-language =
    { $lang ->
        [nb] (på norsk)
        [nn] (på nynorsk)
       *[other] (in another language)
    }
untranslated-notice-title = This page is not available in English
untranslated-notice = The page you came from has not been translated into English yet. You are now on the English front page.
not-yet-translated = This page is not yet translated into English; its text is shown in the original language.
related-pages = Related pages
# $date: the date the page last changed
last-updated = Last updated { $date }
date-long =
    { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
reading-time =
    Reading time: { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
not-found-title = Page not found
not-found-text = The page you are looking for does not exist or has moved. Check the address, or go to the front page.
not-found-home = Go to the front page
footer-label = About this site
footer-provider = MinID is provided by the Norwegian Digitalisation Agency (Digdir).
footer-help = Need help with MinID? User support answers by phone and email.
