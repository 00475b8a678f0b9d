"""Keep the gettext catalogs in step with the code.

    uv run python scripts/i18n.py extract   # write locales/daicho.pot from the sources
    uv run python scripts/i18n.py update    # merge the template into ja/en .po files
    uv run python scripts/i18n.py compile   # write the .mo files daicho loads
    uv run python scripts/i18n.py check     # list messages missing a translation (exit 1)
    uv run python scripts/i18n.py merge F…  # take Japanese msgstr from PO fragments (docs/i18n/)

English message ids are the English text, so the English catalog maps each id to itself;
Japanese needs a translation for every id. tests/test_i18n.py runs the same check.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "daicho"
LOCALES = SRC / "locales"
TEMPLATE = LOCALES / "daicho.pot"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "pgettext": ((1, "c"), 2),
    "C_": ((1, "c"), 2),
}
TERMS_FILE = SRC / "cli" / "_terms.py"
#: Display words for plain-string vocabularies that are not enums.
EXTRA_TERMS = {
    "EURole": ("provider", "deployer", "any"),
    "Verdict": ("open",),
}
LANGS = ("ja", "en")
#: Jinja templates (src/daicho/documents/templates) use the i18n extension's _() and {% trans %}.
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


def extract() -> Catalog:
    """A catalog of every message id in the sources."""
    template = Catalog(project="daicho", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SRC),
        method_map=[
            ("**.py", "python"),
            ("**/templates/**.html", "jinja2"),
            ("**/templates/**.md", "jinja2"),
            ("**/templates/**.txt", "jinja2"),
        ],
        options_map={
            "**/templates/**.html": JINJA_OPTIONS,
            "**/templates/**.md": JINJA_OPTIONS,
            "**/templates/**.txt": JINJA_OPTIONS,
        },
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "daicho.po"


def read(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=lang, project="daicho", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True, no_location=True)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    template = extract()
    write(template, TEMPLATE)
    for lang in LANGS:
        catalog = read(po_path(lang), lang)
        catalog.update(template, no_fuzzy_matching=True)
        if lang == "en":
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        write(catalog, po_path(lang))


def compiled(lang: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read(po_path(lang), lang), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for lang in LANGS:
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))


def missing(lang: str) -> list[str]:
    """Message ids in the sources with no translation in ``lang``."""
    catalog = read(po_path(lang), lang)
    result = []
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        translated = (
            found is not None
            and not found.fuzzy
            and (all(found.string) if isinstance(found.string, tuple) else bool(found.string))
        )
        if not translated:
            text = message.id if isinstance(message.id, str) else message.id[0]
            result.append(f"{message.context}|{text}" if message.context else text)
    return result


def merge(fragments: list[str]) -> int:
    """Copy translations from PO fragments into the Japanese catalog; returns how many."""
    catalog = read(po_path("ja"), "ja")
    taken = 0
    for fragment in fragments:
        with open(fragment, "rb") as handle:
            source = read_po(handle, locale="ja")
        for message in source:
            if not message.id or not message.string:
                continue
            target = catalog.get(message.id)
            if target is not None and not target.string:
                target.string = message.string
                target.flags.discard("fuzzy")
                taken += 1
    write(catalog, po_path("ja"))
    return taken


def term_pairs() -> list[tuple[str, str]]:
    """(enum class name, value) for every enum a person sees, plus the extra vocabularies."""
    from enum import StrEnum

    sys.path.insert(0, str(ROOT / "src"))
    import daicho.assess as assess
    import daicho.domain as domain

    enums = [getattr(domain, n) for n in domain.__all__] + [
        assess.EUTier,
        assess.FindingKind,
        assess.Severity,
    ]
    pairs = {
        (e.__name__, m.value)
        for e in enums
        # EU question ids are identifiers of legal provisions, shown as they are.
        if isinstance(e, type) and issubclass(e, StrEnum) and e is not domain.EUQuestion
        for m in e
    }
    pairs |= {(kind, value) for kind, values in EXTRA_TERMS.items() for value in values}
    return sorted(pairs)


def terms_source() -> str:
    """The text of ``cli/_terms.py``."""
    lines = [
        '"""Controlled-vocabulary values shown to people, marked for translation in context.',
        "",
        "Generated by ``scripts/i18n.py terms`` from the enums; do not edit by hand. A value is",
        "translated in the context of its enum (``C_(\"RiskLevel\", \"medium\")``) because one English",
        "word may need different Japanese words in different vocabularies.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "",
        "def C_(context: str, message: str) -> tuple[str, str]:",
        '    """Mark ``message`` in ``context`` for extraction."""',
        "    return context, message",
        "",
        "",
        "TERMS = (",
        *(f'    C_("{kind}", "{value}"),' for kind, value in term_pairs()),
        ")",
        "",
    ]
    return "\n".join(lines)


def seed_contexts() -> int:
    """Give context entries the translation of the same word without context, where empty."""
    catalog = read(po_path("ja"), "ja")
    known = [*catalog, *catalog.obsolete.values()]
    plain = {m.id: m.string for m in known if m.id and not m.context and m.string}
    filled = 0
    for message in catalog:
        if message.context and not message.string and message.id in plain:
            message.string = plain[message.id]
            filled += 1
    write(catalog, po_path("ja"))
    return filled


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "extract":
        write(extract(), TEMPLATE)
    elif command == "update":
        update()
    elif command == "terms":
        TERMS_FILE.write_text(terms_source(), encoding="utf-8")
        update()
        print(f"seeded {seed_contexts()} context translations")
    elif command == "merge":
        print(f"merged {merge(sys.argv[2:])} translations")
    elif command == "compile":
        compile_all()
    elif command == "check":
        problems = {lang: missing(lang) for lang in LANGS}
        for lang, ids in problems.items():
            for message_id in ids:
                print(f"{lang}: missing translation: {message_id!r}")
        return 1 if any(problems.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
