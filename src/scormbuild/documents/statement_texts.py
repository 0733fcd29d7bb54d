"""The words of the draft accessibility statement in Finnish, Swedish and English.

``tested`` and ``manual`` are lists, one item a line. Other languages get the English text.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "file": "saavutettavuusseloste",
        "title": "Saavutettavuusseloste (luonnos)",
        "draft": (
            "*Tämä on luonnos. scormbuild kirjoitti sen kurssipaketin {package} rakentamisen "
            "yhteydessä. Täydennä hakasulkeissa olevat kohdat, tee luettelon käsin tehtävät "
            "tarkistukset ja muokkaa tekstiä niiden tulosten mukaan ennen julkaisua.*"
        ),
        "organization": "[Organisaatio]",
        "intro": (
            "{organization} pyrkii siihen, että verkkokurssi ”{title}” on saavutettava "
            "digitaalisten palvelujen tarjoamisesta annetun lain (306/2019) mukaisesti. "
            "Tavoitteena on täyttää saavutettavuusohjeiden WCAG 2.1 A- ja AA-tason vaatimukset."
        ),
        "status_h": "Saavutettavuuden tila",
        "status": (
            "[Täyttää vaatimukset / Täyttää vaatimukset osittain / Ei täytä vaatimuksia.] "
            "Arvio on tehtävä käsin: automaattiset tarkistukset löytävät vain osan "
            "saavutettavuusongelmista. [Luettele tähän sisältö, joka ei ole saavutettavaa, "
            "ja kerro, miten sen sisältö on muuten saatavilla.]"
        ),
        "built_h": "Kurssin rakentamisessa tarkistettu",
        "alt_ok": "Kaikilla kuvilla on tekstivastine (alt-teksti): {n} kuvaa.",
        "alt_missing": "Tekstivastine puuttuu {n} kuvalta: {where}.",
        "no_images": "Kurssilla ei ole kuvia.",
        "captions": (
            "Kaikilla videoilla ja äänitteillä on WebVTT-tekstitys: {n} tallennetta, "
            "joista {transcripts} on myös tekstiversio."
        ),
        "no_recordings": "Kurssilla ei ole videoita eikä äänitteitä.",
        "headings_ok": "Jokaisella sivulla on yksi pääotsikko, eikä otsikkotasoja ohiteta.",
        "headings_bad": "Otsikkorakenteessa on puutteita: {where}.",
        "lang": (
            'Sivujen kieli on merkitty (lang="{lang}"), samoin muunkieliset '
            "tekstijaksot ({passages} kpl)."
        ),
        "local": (
            "Sivut eivät lataa mitään kurssipaketin ulkopuolelta, ja niillä on tiukka "
            "sisällön suojauskäytäntö (Content Security Policy)."
        ),
        "brand": (
            "Teeman korostusväri {color} (linkit, otsikot, painikkeet): kontrasti valkoiseen "
            "{ratio}:1, vähintään 4,5:1."
        ),
        "no_time_limits": "Tehtävissä ei ole aikarajoja.",
        "tested_h": "Oletusteeman automaattiset testit",
        "theme_intro": (
            "scormbuildin testit tarkistavat oletusteeman esimerkkikurssilla suomeksi ja "
            "ruotsiksi, 1280 ja 320 CSS-pikselin levyisenä, Moodlen SCORM-soitinta "
            "jäljittelevässä testiympäristössä:"
        ),
        "theme_overridden": (
            "Huom. kurssi korvaa oletusteeman tiedostoja ({files}). Alla olevat testit koskevat "
            "vain oletusteemaa; korvatut osat on tarkistettava käsin."
        ),
        "tested": (
            "axe-core (WCAG 2.1 A ja AA): ei virheitä millään sivulla eikä tehtävien missään "
            "tilassa (vastaamatta, oikean ja väärän vastauksen palaute, tulokset, oikeat "
            "vastaukset viimeisen yrityksen jälkeen).\n"
            "Sisältö mukautuu 320 CSS-pikselin levyyn ilman vaakavieritystä (taulukot "
            "vierivät omassa laatikossaan).\n"
            "Jokaisella sivulla on kieli, otsikko, maamerkit, ohituslinkki ja yksi pääotsikko.\n"
            "Kaikkiin tehtävätyyppeihin voi vastata pelkällä näppäimistöllä (myös yhdistely- "
            "ja järjestystehtäviin), ja kurssin voi suorittaa loppuun.\n"
            "Näppäimistön kohdistus näkyy kaikissa linkeissä, painikkeissa ja kentissä "
            "(kontrasti vähintään 3:1), samoin lomakekenttien reunat.\n"
            "Palaute kerrotaan sanoin ja ruudunlukijalle tilailmoituksena, ei pelkällä värillä.\n"
            "Käyttäjän liikkeen vähentämisen asetusta noudatetaan."
        ),
        "manual_h": "Tarkistettava käsin",
        "manual": (
            "Kurssin läpikäynti ruudunlukijalla (esimerkiksi NVDA ja VoiceOver) "
            "oppimisalustalla, jolla kurssi julkaistaan.\n"
            "Kuvaavatko tekstivastineet kuvien tarkoituksen, ja onko koristekuvien "
            "tekstivastine tyhjä.\n"
            "Tekstitysten ja tekstiversioiden oikeellisuus ja ajoitus.\n"
            "Selkeä kieli, ohjeiden ymmärrettävyys ja tehtävien kognitiivinen kuormittavuus.\n"
            "Kuvaavatko linkkitekstit ja otsikot sisältönsä.\n"
            "Kuviin sisältyvän tekstin ja kaavioiden kontrasti ja luettavuus (automaattiset "
            "tarkistukset eivät näe kuvien sisään).\n"
            "Suurennus 200 ja 400 prosenttiin sekä tekstin välistysten muuttaminen.\n"
            "Oppimisalustan (esimerkiksi Moodle) omat näkymät: ne eivät kuulu kurssipakettiin.\n"
            "Ladattavien tiedostojen (esimerkiksi PDF) saavutettavuus."
        ),
        "feedback_h": "Palaute ja yhteystiedot",
        "feedback": (
            "Huomasitko saavutettavuuspuutteen? Kerro siitä meille: [sähköpostiosoite tai "
            "palautelomakkeen osoite]. Vastaamme [14 päivän] kuluessa."
        ),
        "authority_h": "Valvontaviranomainen",
        "authority": (
            "Jos huomaat saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole "
            "tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon kuluessa, voit "
            "tehdä ilmoituksen valvontaviranomaiselle. [Valvontaviranomaisen ajantasaiset "
            "yhteystiedot: www.saavutettavuusvaatimukset.fi.]"
        ),
        "date_h": "Selosteen laatiminen",
        "date": (
            "Seloste on laadittu [päivämäärä]. Arvio perustuu [itsearviointiin / ulkopuolisen "
            "asiantuntijan arviointiin]."
        ),
    },
    "sv": {
        "file": "tillganglighetsutlatande",
        "title": "Tillgänglighetsutlåtande (utkast)",
        "draft": (
            "*Detta är ett utkast. scormbuild skrev det när kurspaketet {package} byggdes. "
            "Fyll i punkterna inom hakparentes, gör de manuella kontroller som räknas upp nedan "
            "och ändra texten efter resultaten innan du publicerar den.*"
        ),
        "organization": "[Organisation]",
        "intro": (
            "{organization} strävar efter att webbkursen ”{title}” ska vara tillgänglig i "
            "enlighet med lagen om tillhandahållande av digitala tjänster (306/2019). Målet är "
            "att uppfylla kraven på nivå A och AA i riktlinjerna WCAG 2.1."
        ),
        "status_h": "Tillgänglighetsstatus",
        "status": (
            "[Uppfyller kraven / Uppfyller kraven delvis / Uppfyller inte kraven.] "
            "Bedömningen måste göras manuellt: automatiska kontroller hittar bara en del av "
            "tillgänglighetsproblemen. [Räkna upp det innehåll som inte är tillgängligt och "
            "berätta hur det går att få tillgång till det på annat sätt.]"
        ),
        "built_h": "Kontrollerat när kursen byggdes",
        "alt_ok": "Alla bilder har en textbeskrivning (alt-text): {n} bilder.",
        "alt_missing": "{n} bilder saknar textbeskrivning: {where}.",
        "no_images": "Kursen har inga bilder.",
        "captions": (
            "Alla videor och ljudinspelningar har WebVTT-textning: {n} inspelningar, "
            "varav {transcripts} också har en textversion."
        ),
        "no_recordings": "Kursen har inga videor eller ljudinspelningar.",
        "headings_ok": "Varje sida har en huvudrubrik, och inga rubriknivåer hoppas över.",
        "headings_bad": "Rubrikstrukturen har brister: {where}.",
        "lang": (
            'Sidornas språk är angivet (lang="{lang}"), liksom avsnitt på andra språk '
            "({passages} st.)."
        ),
        "local": (
            "Sidorna hämtar ingenting utanför kurspaketet och har en strikt "
            "innehållssäkerhetspolicy (Content Security Policy)."
        ),
        "brand": (
            "Temats accentfärg {color} (länkar, rubriker, knappar): kontrast mot vitt "
            "{ratio}:1, minst 4,5:1."
        ),
        "no_time_limits": "Uppgifterna har inga tidsgränser.",
        "tested_h": "Automatiska tester av standardtemat",
        "theme_intro": (
            "scormbuilds tester kontrollerar standardtemat med exempelkursen på finska och "
            "svenska, 1280 och 320 CSS-pixlar breda, i en testmiljö som efterliknar Moodles "
            "SCORM-spelare:"
        ),
        "theme_overridden": (
            "Obs! Kursen ersätter filer i standardtemat ({files}). Testerna nedan gäller bara "
            "standardtemat; de ersatta delarna måste kontrolleras manuellt."
        ),
        "tested": (
            "axe-core (WCAG 2.1 A och AA): inga fel på någon sida eller i något tillstånd hos "
            "uppgifterna (obesvarad, respons på rätt och fel svar, resultat, rätta svar efter "
            "sista försöket).\n"
            "Innehållet anpassar sig till 320 CSS-pixlars bredd utan vågrät rullning (tabeller "
            "rullar i en egen ruta).\n"
            "Varje sida har språk, titel, landmärken, en överhoppningslänk och en huvudrubrik.\n"
            "Alla uppgiftstyper går att besvara med enbart tangentbord (också para ihop- och "
            "ordningsuppgifter), och kursen går att slutföra.\n"
            "Tangentbordsfokus syns på alla länkar, knappar och fält (kontrast minst 3:1), "
            "liksom formulärfältens kanter.\n"
            "Respons ges i ord och som statusmeddelande för skärmläsare, inte enbart med färg.\n"
            "Användarens inställning för minskad rörelse respekteras."
        ),
        "manual_h": "Kontrolleras manuellt",
        "manual": (
            "Genomgång av kursen med skärmläsare (till exempel NVDA och VoiceOver) på den "
            "lärplattform där kursen publiceras.\n"
            "Beskriver textbeskrivningarna bildernas syfte, och är dekorativa bilders "
            "textbeskrivning tom.\n"
            "Textningens och textversionernas riktighet och synkronisering.\n"
            "Klarspråk, begripliga instruktioner och uppgifternas kognitiva belastning.\n"
            "Beskriver länktexter och rubriker sitt innehåll.\n"
            "Kontrast och läsbarhet för text och diagram i bilder (automatiska kontroller ser "
            "inte in i bilder).\n"
            "Förstoring till 200 och 400 procent samt ändrat textavstånd.\n"
            "Lärplattformens (till exempel Moodles) egna vyer: de ingår inte i kurspaketet.\n"
            "Tillgängligheten hos filer som laddas ned (till exempel PDF)."
        ),
        "feedback_h": "Respons och kontaktuppgifter",
        "feedback": (
            "Har du upptäckt en tillgänglighetsbrist? Berätta för oss: [e-postadress eller "
            "adressen till en responsblankett]. Vi svarar inom [14 dagar]."
        ),
        "authority_h": "Tillsynsmyndighet",
        "authority": (
            "Om du upptäcker tillgänglighetsproblem ska du först ge respons till oss. Om du "
            "inte är nöjd med svaret eller inte får något svar inom två veckor kan du göra en "
            "anmälan till tillsynsmyndigheten. [Tillsynsmyndighetens aktuella kontaktuppgifter: "
            "www.tillganglighetskrav.fi.]"
        ),
        "date_h": "Utlåtandets tillkomst",
        "date": (
            "Utlåtandet har utarbetats [datum]. Bedömningen grundar sig på [en självbedömning / "
            "en bedömning av en extern sakkunnig]."
        ),
    },
    "en": {
        "file": "accessibility-statement",
        "title": "Accessibility statement (draft)",
        "draft": (
            "*This is a draft. scormbuild wrote it when it built the course package {package}. "
            "Fill in the parts in brackets, do the manual checks listed below and revise the "
            "text according to their results before you publish it.*"
        ),
        "organization": "[Organisation]",
        "intro": (
            "{organization} aims to make the online course “{title}” accessible in accordance "
            "with the Act on the Provision of Digital Services (306/2019). The aim is to meet "
            "the level A and AA requirements of the WCAG 2.1 guidelines."
        ),
        "status_h": "Compliance status",
        "status": (
            "[Fully compliant / Partially compliant / Not compliant.] This assessment must be "
            "made by hand: automated checks find only some accessibility problems. [List the "
            "content that is not accessible here, and how its content can be obtained "
            "otherwise.]"
        ),
        "built_h": "Checked when the course was built",
        "alt_ok": "Every image has a text alternative (alt text): {n} images.",
        "alt_missing": "{n} images lack a text alternative: {where}.",
        "no_images": "The course has no images.",
        "captions": (
            "Every video and audio recording has WebVTT captions: {n} recordings, "
            "{transcripts} of them with a transcript as well."
        ),
        "no_recordings": "The course has no video or audio recordings.",
        "headings_ok": "Every page has one main heading, and no heading level is skipped.",
        "headings_bad": "The heading structure has gaps: {where}.",
        "lang": (
            'The language of the pages is marked (lang="{lang}"), and so are passages in '
            "other languages ({passages})."
        ),
        "local": (
            "The pages load nothing from outside the course package and run under a strict "
            "Content Security Policy."
        ),
        "brand": (
            "The theme's brand colour {color} (links, headings, buttons): contrast with white "
            "{ratio}:1, at least 4.5:1."
        ),
        "no_time_limits": "The quizzes have no time limits.",
        "tested_h": "Automated tests of the default theme",
        "theme_intro": (
            "scormbuild's tests check the default theme with the example course in Finnish and "
            "Swedish, 1280 and 320 CSS pixels wide, in a test environment that plays Moodle's "
            "SCORM player:"
        ),
        "theme_overridden": (
            "Note: the course replaces files of the default theme ({files}). The tests below "
            "cover the default theme only; the replaced parts need a manual check."
        ),
        "tested": (
            "axe-core (WCAG 2.1 A and AA): no violations on any page or in any state of the "
            "quizzes (unanswered, feedback on right and wrong answers, results, correct answers "
            "after the last attempt).\n"
            "The content reflows to 320 CSS pixels without horizontal scrolling (tables scroll "
            "in a box of their own).\n"
            "Every page has a language, a title, landmarks, a skip link and one main heading.\n"
            "Every question type can be answered with the keyboard alone (matching and "
            "ordering too), and the course can be completed.\n"
            "Keyboard focus is visible on every link, button and field (contrast at least "
            "3:1), and so are the borders of form fields.\n"
            "Feedback is given in words and announced to screen readers as a status message, "
            "never by colour alone.\n"
            "The user's reduced-motion setting is honoured."
        ),
        "manual_h": "Needs a manual check",
        "manual": (
            "A walkthrough of the course with a screen reader (for example NVDA and VoiceOver) "
            "on the learning platform that publishes it.\n"
            "Whether the text alternatives convey the purpose of the images, and whether "
            "decorative images have an empty one.\n"
            "The accuracy and timing of captions and transcripts.\n"
            "Plain language, clear instructions and the cognitive load of the quizzes.\n"
            "Whether link texts and headings describe their content.\n"
            "The contrast and legibility of text and charts inside images (automated checks "
            "cannot see into images).\n"
            "Zoom to 200 and 400 per cent, and changed text spacing.\n"
            "The learning platform's (for example Moodle's) own views: they are not part of the "
            "package.\n"
            "The accessibility of downloadable files (for example PDF)."
        ),
        "feedback_h": "Feedback and contact information",
        "feedback": (
            "Did you notice an accessibility gap? Tell us: [email address or the address of a "
            "feedback form]. We reply within [14 days]."
        ),
        "authority_h": "Supervisory authority",
        "authority": (
            "If you notice accessibility problems, first give feedback to us. If you are not "
            "satisfied with the reply or get no reply within two weeks, you can notify the "
            "supervisory authority. [The authority's current contact details: "
            "www.saavutettavuusvaatimukset.fi/en.]"
        ),
        "date_h": "Preparation of this statement",
        "date": (
            "This statement was prepared on [date]. The assessment is based on [a "
            "self-assessment / an assessment by an external expert]."
        ),
    },
}
