"""The words of analyze's reports in Finnish, Swedish and English (other languages: English)."""
# ruff: noqa: E501

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Item analysis", "course": "Course", "report": "Report",
        "learners": "Learners", "started": "Started", "completed": "Completed", "passed": "Passed",
        "mean_score": "Mean score", "scores": "Score distribution", "stops": "Where learners stop",
        "before_quiz": "before the first quiz", "module": "Module", "questions": "Questions",
        "question": "Question", "responses": "Responses", "facility": "Facility",
        "discrimination": "Discrimination", "latency": "Mean time", "tries": "Right by try",
        "choices": "Choices", "choice": "Choice", "picked": "Picked", "common": "Frequent answers",
        "flags": "Warnings", "notes": "About this report", "true": "True", "false": "False",
        "right": "right", "wrong": "wrong", "none": "none", "score_bin": "Score",
        "count": "Learners", "scatter": "Facility against discrimination",
        "scatter_desc": "Each dot is a question: facility (share right) across, discrimination up.",
        "hist_desc": "Learners by their best score, in steps of ten.",
        "privacy": "Counts only: no learner names or ids are shown.",
        "of": "of", "seconds": "s", "try": "try", "mastery": "Mastery score",
        "note_few": "Only {n} learners started (fewer than {min}): the figures are not yet meaningful.",
        "note_unknown": "Questions not in the course (another version of the package?): {ids}.",
        "note_basic": "The Basic report has no answers: for the questions, give the Interactions report.",
        "note_no_result": "The report has no Result columns: answers were judged by the Right answer columns; give --course to judge them by the course's keys.",
        "note_no_tracks": "Mean time to answer needs the Track details of the attempts (Moodle's Interactions report has no latency).",
        "no_questions": "No answers in the report.",
    },
    "fi": {
        "title": "Kysymysanalyysi", "course": "Kurssi", "report": "Raportti",
        "learners": "Oppijat", "started": "Aloittaneet", "completed": "Suorittaneet",
        "passed": "Hyväksytyt", "mean_score": "Pisteiden keskiarvo", "scores": "Pistejakauma",
        "stops": "Mihin oppijat jäävät", "before_quiz": "ennen ensimmäistä tehtävää",
        "module": "Osio", "questions": "Kysymykset", "question": "Kysymys",
        "responses": "Vastauksia", "facility": "Helppous", "discrimination": "Erottelukyky",
        "latency": "Keskim. aika", "tries": "Oikein yrityksittäin", "choices": "Vaihtoehdot",
        "choice": "Vaihtoehto", "picked": "Valittu", "common": "Yleisimmät vastaukset",
        "flags": "Huomiot", "notes": "Raportista", "true": "Tosi", "false": "Epätosi",
        "right": "oikein", "wrong": "väärin", "none": "ei yhtään", "score_bin": "Pisteet",
        "count": "Oppijoita", "scatter": "Helppous ja erottelukyky",
        "scatter_desc": "Jokainen piste on kysymys: vaakasuunnassa helppous (oikein vastanneiden osuus), pystysuunnassa erottelukyky.",
        "hist_desc": "Oppijat parhaan tuloksensa mukaan kymmenen pisteen välein.",
        "privacy": "Vain lukumääriä: oppijoiden nimiä tai tunnisteita ei näytetä.",
        "of": "/", "seconds": "s", "try": "yritys", "mastery": "Hyväksymisraja",
        "note_few": "Vain {n} oppijaa on aloittanut (alle {min}): luvut eivät vielä ole luotettavia.",
        "note_unknown": "Kysymyksiä, joita kurssissa ei ole (paketin toinen versio?): {ids}.",
        "note_basic": "Perusraportissa ei ole vastauksia: kysymyksiä varten tarvitaan vuorovaikutusraportti (Interactions).",
        "note_no_result": "Raportissa ei ole tulossarakkeita (Result): vastaukset arvioitiin oikean vastauksen sarakkeista; anna --course, niin ne arvioidaan kurssin avaimilla.",
        "note_no_tracks": "Vastausaikaan tarvitaan suorituskertojen seurantatiedot (Track details); Interactions-raportissa ei ole viivettä.",
        "no_questions": "Raportissa ei ole vastauksia.",
    },
    "sv": {
        "title": "Frågeanalys", "course": "Kurs", "report": "Rapport",
        "learners": "Deltagare", "started": "Har börjat", "completed": "Har slutfört",
        "passed": "Godkända", "mean_score": "Medelpoäng", "scores": "Poängfördelning",
        "stops": "Var deltagarna stannar", "before_quiz": "före den första uppgiften",
        "module": "Avsnitt", "questions": "Frågor", "question": "Fråga", "responses": "Svar",
        "facility": "Lätthet", "discrimination": "Diskrimination", "latency": "Medeltid",
        "tries": "Rätt per försök", "choices": "Alternativ", "choice": "Alternativ",
        "picked": "Valt", "common": "Vanligaste svar", "flags": "Anmärkningar",
        "notes": "Om rapporten", "true": "Sant", "false": "Falskt", "right": "rätt",
        "wrong": "fel", "none": "inga", "score_bin": "Poäng", "count": "Deltagare",
        "scatter": "Lätthet och diskrimination",
        "scatter_desc": "Varje punkt är en fråga: lätthet (andel rätt) vågrätt, diskrimination lodrätt.",
        "hist_desc": "Deltagarna enligt sitt bästa resultat, i steg om tio poäng.",
        "privacy": "Endast antal: inga namn eller identifierare visas.",
        "of": "/", "seconds": "s", "try": "försök", "mastery": "Godkäntgräns",
        "note_few": "Endast {n} deltagare har börjat (färre än {min}): siffrorna är ännu inte tillförlitliga.",
        "note_unknown": "Frågor som inte finns i kursen (en annan version av paketet?): {ids}.",
        "note_basic": "Grundrapporten har inga svar: för frågorna behövs interaktionsrapporten (Interactions).",
        "note_no_result": "Rapporten har inga resultatkolumner (Result): svaren bedömdes enligt kolumnerna för rätt svar; ange --course för att bedöma dem med kursens nycklar.",
        "note_no_tracks": "Svarstiden kräver försökens spårningsuppgifter (Track details); Interactions-rapporten har ingen latens.",
        "no_questions": "Rapporten har inga svar.",
    },
}  # fmt: skip


def texts(language: str) -> dict[str, str]:
    """The report's words in ``language`` (its primary subtag), English where there are none."""
    base = language.split("-")[0].lower()
    return {**TEXTS["en"], **TEXTS.get(base, {})}
