"""A Moodle settings sheet per package: the SCORM activity settings that match how it reports.

An LMS admin who imports ``<id>-<version>[-<lang>].zip`` finds ``...-moodle.md`` beside it:
what the package reports (SCOs, status, score, interactions, suspend_data), the value to
choose for each mod_scorm setting and why, and a checklist for the import. Setting names are
those of Moodle's English interface. The text depends only on the course, so the file is as
reproducible as the package.
"""

from __future__ import annotations

from scormbuild.model import Course
from scormbuild.package.suspend_data import LIMIT, scopes, worst_case_length
from scormbuild.strings import Catalog

Row = tuple[str, str, str]  # setting, recommended value, why


def sheet_name(package: str) -> str:
    """``<package stem>-moodle.md``, beside the package."""
    return f"{package.removesuffix('.zip')}-moodle.md"


def _graded(course: Course) -> bool:
    return any(q.graded for q in course.quizzes)


def _limited(course: Course) -> list[str]:
    """Graded quizzes with an attempt limit, as ``id (N)``."""
    return [f"`{q.id}` ({q.attempts})" for q in course.quizzes if q.graded and q.attempts]


def reporting(course: Course, package: str) -> list[str]:
    """What the package reports, as Markdown list items."""
    cfg = course.config
    multi = cfg.sco_mode == "multi"
    mastery = cfg.mastery_score
    graded = _graded(course)
    lines = []
    if multi:
        lines.append(
            f"**{len(course.modules)} SCOs**, one per module (`sco_mode: multi`). Each is "
            "launched, tracked, scored and resumed on its own; Moodle's table of contents is "
            "the only way between them."
        )
    else:
        lines.append(
            "**One SCO** (`index.html`). It hosts every module page and keeps one session "
            "while the learner moves between them."
        )
    rule = " and ".join(
        {
            "viewed": "the page is viewed" if multi else "every page is viewed",
            "passed": "the graded quizzes are passed",
        }[r]
        for r in cfg.completion
    )
    unit = "its module" if multi else "the course"
    if mastery is not None and graded:
        lines.append(
            f"`lesson_status`: `incomplete` until {rule} in {unit}, then `passed` "
            f"(score ≥ {mastery}) or `failed`. The mastery score {mastery} is in the manifest "
            "(`adlcp:masteryscore`) and Moodle passes it to the package."
        )
    else:
        lines.append(f"`lesson_status`: `incomplete` until {rule} in {unit}, then `completed`.")
    if multi and mastery is not None and graded:
        plain = [m.title for m in course.modules if not any(q.graded for q in m.quizzes)]
        if plain:
            lines.append(
                "Modules without graded quizzes report `completed` and no score: "
                + ", ".join(plain)
                + "."
            )
    if graded:
        lines.append(
            "`score.raw`: the percentage (0–100) of the graded points, written only once every "
            f"graded quiz of {unit} is finished; `score.min` 0, `score.max` 100."
        )
        limited = _limited(course)
        if limited:
            lines.append(
                "Attempts inside the package (a new Moodle attempt starts them again): "
                + ", ".join(limited)
                + "."
            )
        lines.append(
            "`cmi.interactions`: one per graded answer, named `<quiz id>.<question id>` "
            "(e.g. `" + _example_interaction(course) + "`), with the response, the correct "
            "pattern, the result and the latency. Practice quizzes are not reported."
        )
    else:
        lines.append("No graded quizzes: no score and no interactions are reported.")
    longest = max(worst_case_length(s) for s in scopes(course))
    per = " per SCO" if multi else ""
    lines.append(
        f"`suspend_data`: at most {longest} characters{per}, within the {LIMIT} SCORM 1.2 "
        "allows; `exit` is `suspend` while work is left, so the next launch resumes, and "
        "`lesson_location` is the module last shown."
    )
    lines.append(
        "Commits after every answer, when the page is hidden and when it is left; "
        "`LMSFinish` once, when the learner leaves. Nothing is loaded from outside the package."
    )
    return lines


def _example_interaction(course: Course) -> str:
    for quiz in course.quizzes:
        if quiz.graded and quiz.questions:
            return f"{quiz.id}.{quiz.questions[0].id}"
    return "quiz.question"


def settings(course: Course) -> list[tuple[str, list[Row]]]:
    """The recommended mod_scorm settings, by the section of the form they are in."""
    cfg = course.config
    multi = cfg.sco_mode == "multi"
    mastery = cfg.mastery_score
    graded = _graded(course)
    n = len(course.modules)
    judged = mastery is not None and graded

    if not graded:
        method: Row = (
            "Grading method",
            "Learning objects",
            f"No score is reported; the grade counts the completed SCOs ({1 if not multi else n}).",
        )
    elif multi:
        method = (
            "Grading method",
            "Average grade",
            "The mean of the SCOs' scores; modules without graded quizzes report no score and "
            "do not count. Choose *Learning objects* to grade the number of modules passed or "
            "completed instead.",
        )
    else:
        method = (
            "Grading method",
            "Highest grade",
            "One SCO: its score (0–100) is the grade.",
        )
    grade: list[Row] = [method]
    if graded:
        grade.append(
            ("Maximum grade", "100", "The score is a percentage; Moodle uses it as the grade.")
        )
    if judged:
        grade.append(
            (
                "Grade to pass",
                str(mastery),
                "The same threshold as the mastery score, so the gradebook shows pass and fail.",
            )
        )

    limited = _limited(course)
    attempts: list[Row] = [
        (
            "Number of attempts",
            "1 attempt" if limited else "Unlimited attempts",
            "The package limits its quizzes' attempts itself; a new Moodle attempt would start "
            "them again."
            if limited
            else "The learner resumes within one attempt; more attempts do no harm.",
        ),
        ("Attempts grading", "Highest attempt", "Only matters with several attempts."),
        (
            "Force new attempt",
            "No",
            "A new attempt empties suspend_data: the learner would lose answers and progress.",
        ),
        (
            "Lock after final attempt",
            "No",
            "Learners can come back to review; a review session changes nothing.",
        ),
    ]

    if judged and "viewed" in cfg.completion and not multi:
        override_why = (
            "The package decides passed/failed itself with the same mastery score. With *Yes*, "
            "Moodle replaces the status at LMSFinish whenever a score is set, so a learner "
            "who reached the score but has not viewed every page would count as passed."
        )
    elif judged:
        override_why = (
            "The package sets passed/failed itself with the same mastery score and writes the "
            "score only when the graded work is finished, so *Yes* gives the same result; "
            "*No* keeps the package in charge."
        )
    else:
        override_why = "No effect: there is no mastery score or no score."
    compatibility: list[Row] = [
        ("Force completed", "No", "The package reports its own status; forcing hides failed."),
        (
            "Auto-continue",
            "No",
            "The SCO finishes only when the learner leaves it"
            + ("; the learner picks the next module from the table of contents." if multi else "."),
        ),
        ("Auto-commit", "No", "The package commits after every answer and when it is left."),
        ("Mastery score overrides status", "No", override_why),
    ]

    appearance: list[Row] = [
        (
            "Display package",
            "Current window",
            "Runs in Moodle's player frame; it saves without relying on unload. "
            "*New window* also works but meets pop-up blockers.",
        ),
        (
            "Student skip content structure page",
            "Never" if multi else "Always",
            "The structure page lists the modules and their status."
            if multi
            else "One SCO: the structure page has nothing to choose.",
        ),
        ("Disable preview mode", "Yes", "Preview sessions record nothing: no progress, no grade."),
        (
            "Display content structure on entry page",
            "Yes" if multi else "No",
            "The modules are SCOs; learners choose among them."
            if multi
            else "One entry only; the package has its own module list.",
        ),
        (
            "Display content structure in player",
            "To the side" if multi else "Disabled",
            "Module pages have no next/previous links in multi-SCO mode: the table of contents "
            "is the navigation."
            if multi
            else "The package's own module list is the navigation.",
        ),
        (
            "Show Navigation",
            "Under content" if multi else "No",
            "Moodle's Previous/Continue buttons move between the SCOs."
            if multi
            else "One SCO: nothing to move to.",
        ),
    ]

    passed = judged
    completed = not judged or (multi and n > 1)
    why_status = (
        "Ticking both means either; modules without graded quizzes end as completed."
        if passed and completed
        else "The package ends with passed or failed."
        if passed
        else "The package ends with completed."
    )
    completion: list[Row] = [
        (
            "Completion conditions",
            "Add requirements",
            "The package reports completion itself.",
        ),
        ("View the activity", "No", "Opening the activity is not progress."),
        (
            "Require minimum score",
            "No",
            f"*Passed* already means a score of at least {mastery}."
            if judged
            else "Use it only to demand a score the package does not judge.",
        ),
        ("Passed", "Yes" if passed else "No", why_status),
        ("Completed", "Yes" if completed else "No", why_status),
    ]
    if multi:
        completion.append(
            (
                "All SCOs must return completion status",
                "Yes",
                "Otherwise one finished module completes the whole activity.",
            )
        )

    site: list[Row] = [
        (
            "SCORM standards mode",
            "Yes",
            "Site administration › Plugins › SCORM package. "
            f"The package keeps suspend_data within {LIMIT} characters, as standards mode "
            "requires; nothing needs the larger, non-standard limit.",
        )
    ]
    return [
        ("Grade", grade),
        ("Attempts management", attempts),
        ("Compatibility settings", compatibility),
        ("Appearance", appearance),
        ("Activity completion", completion),
        ("Site administration (admins only)", site),
    ]


def checklist(course: Course, package: str) -> list[str]:
    """The import checklist, as numbered steps."""
    multi = course.config.sco_mode == "multi"
    t = Catalog(course.language, course.config.strings)
    steps = [
        f"Check the package first: `scormbuild validate {package}` (exit status 0: valid).",
        "In the course: *Add an activity or resource › SCORM package*; upload "
        f"`{package}` as the *Package file*; apply the settings above; save.",
    ]
    if multi:
        titles = ", ".join(f"“{m.title}”" for m in course.modules)
        steps.append(
            f"The structure page lists {len(course.modules)} items in this order: {titles}."
        )
    else:
        steps.append(f"The structure page lists one item: “{course.config.title}”.")
    steps += [
        "Log in as a test learner (not preview, which records nothing) and enter. The page "
        f"must not say “{t('not_tracked').rstrip('.')}”.",
        "Answer one question, leave, and enter again: the same "
        + ("module" if multi else "page")
        + " opens with the answer kept (*Reports* shows the attempt as incomplete).",
        "Finish "
        + ("every module" if multi else "the course")
        + ": the status becomes "
        + (
            "passed (completed where a module has no graded quiz)"
            if course.config.mastery_score is not None and _graded(course)
            else "completed"
        )
        + " and the activity is marked complete.",
    ]
    if _graded(course):
        steps += [
            "*Reports › Interactions*: one row per graded answer, named by question id "
            f"(e.g. `{_example_interaction(course)}`).",
            "Gradebook: the grade is the reported score; a grade below the grade to pass shows "
            "as failed. Try a failing learner too.",
        ]
    return steps


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def moodle_sheet(course: Course, package: str) -> str:
    """The settings sheet of ``course``'s package ``package`` (its file name), as Markdown."""
    cfg = course.config
    out = [
        f"# Moodle settings: {cfg.title}",
        "",
        f"Package `{package}` (SCORM 1.2, version {cfg.version}, language {course.language}). "
        "The settings of a Moodle SCORM activity that match how this package reports. "
        "Setting names as in Moodle's English interface.",
        "",
        "## How the package reports",
        "",
        *(f"- {line}" for line in reporting(course, package)),
        "",
        "## Activity settings",
    ]
    for section, rows in settings(course):
        out += ["", f"### {section}", "", "| Setting | Choose | Why |", "|---|---|---|"]
        out += [f"| {_cell(s)} | **{_cell(v)}** | {_cell(w)} |" for s, v, w in rows]
    out += ["", "## Import checklist", ""]
    out += [f"{i}. {step}" for i, step in enumerate(checklist(course, package), 1)]
    return "\n".join(out) + "\n"
