# The strings of tolk's default theme, in English.
# The site can override any message in locales/en/*.ftl.

# $site: the site's name (tolk.yaml `title`, or the Hugo configuration's)
site-name = { $site }
# A line under the name; empty in the default theme.
site-tagline = { "" }
# $title: the page's title
document-title = { $title } – { $site }
# After the site name and tagline in the logo link, for screen readers
home-link = to the front page
skip-link = Skip to main content
menu-main-label = Main menu
menu-section-label = Pages in this section
breadcrumbs-label = You are here
language-switcher-label = Choose language
# $lang: the language code of the page the link leads to (nb, nn, en). The marker is written
# in that language and marked as such (lang="nb").
in-language =
    { $lang ->
        [nb] (på norsk)
        [nn] (på nynorsk)
       *[other] (in another language)
    }
untranslated-notice-title = This page is not available in English
untranslated-notice = The page you came from has not been translated into English yet. You are now on the English front page.
# The link back, shown in this language to a reader who came from a page in it
untranslated-notice-back = Back to the page in English
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
# Who publishes the site, and where readers get help; empty in the default theme.
footer-provider = { "" }
footer-help = { "" }
