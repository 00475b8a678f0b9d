"""The demo's evaluation step: train a credit model, evaluate it with a plan, keep the evidence.

``daicho demo`` calls :func:`run` once its example ledger exists. The model is trained here, on
the German credit data shipped with daicho, saved with skops, and evaluated through the same
loader and use case as ``daicho evaluate`` — so what the demo shows is what a user gets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daicho.i18n import gettext as _

from ._output import progress_bar
from .evaluate import status_label

if TYPE_CHECKING:
    from rich.console import Console

    from daicho.ledger import Ledger

__all__ = ["AGE_BANDS", "FEATURES", "SYSTEM", "german_credit", "run"]

SYSTEM = "credit-screening"
_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATA = _EXAMPLES / "data" / "german_credit.parquet"
PLAN = _EXAMPLES / "plans" / "credit-screening.yaml"
NUMERIC = ["credit_amount", "duration", "age", "job"]
CATEGORICAL = ["sex", "housing", "saving_accounts", "checking_account", "purpose"]
FEATURES = NUMERIC + CATEGORICAL
#: Age bands (years, left-closed): the second sensitive attribute.
AGE_BANDS = ([0, 25, 35, 50, 200], ["<25", "25-34", "35-49", "50+"])


def german_credit() -> Any:
    """The shipped German credit data with an ``age_band`` column (a pandas DataFrame)."""
    import pandas as pd

    frame = pd.read_parquet(DATA)
    edges, labels = AGE_BANDS
    frame["age_band"] = pd.cut(frame["age"], edges, labels=labels, right=False).astype(str)
    return frame


def _train(folder: Path) -> tuple[Path, Path, list[str], int, int]:
    """Fit a logistic regression on 70% of the data; save the model and the held-out 30%."""
    import skops.io as sio
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    frame = german_credit()
    train, test = train_test_split(frame, test_size=0.3, random_state=0, stratify=frame["risk"])
    model = make_pipeline(
        make_column_transformer(
            (StandardScaler(), NUMERIC), (OneHotEncoder(handle_unknown="ignore"), CATEGORICAL)
        ),
        LogisticRegression(max_iter=1000),
    ).fit(train[FEATURES], train["risk"])
    folder.mkdir(parents=True, exist_ok=True)
    model_path, data_path = folder / "credit-model.skops", folder / "credit-test.csv"
    sio.dump(model, model_path)
    test.to_csv(data_path, index=False)
    # The demo wrote this file a moment ago, so it may trust every type in it; a user
    # evaluating someone else's model names the types to trust with --trust.
    trusted = list(sio.get_untrusted_types(file=str(model_path)))
    return model_path, data_path, trusted, len(train), len(test)


def run(ledger: Ledger, home: Path, out: Console, lang: str, author: str) -> None:
    """Train, evaluate ``credit-screening`` with its plan, and show the disparity found.

    Parameters
    ----------
    ledger
        The demo ledger, with the example systems imported.
    home
        The demo folder; the model and test data are written under ``home/evaluation``.
    out
        Where to print.
    lang
        ``ja`` or ``en``, for the system's name.
    author
        Who the evidence and worksheet changes are recorded as.
    """
    from rich.table import Table
    from rich.text import Text

    model_path, data_path, trusted, n_train, n_test = _train(home / "evaluation")
    out.print(
        _(
            "Trained a logistic regression on {train} applicants; saved it to {model} and the "
            "{test} held-out applicants to {data}."
        ).format(train=n_train, model=model_path, test=n_test, data=data_path)
    )
    with progress_bar(_("Evaluating")) as update:
        record = ledger.evaluate_system(
            SYSTEM,
            plan=PLAN,
            model=model_path,
            data=data_path,
            trusted=trusted,
            author=author,
            progress=update,
        )
    body = json.loads(ledger.evidence(record.sha256))
    groups = body["evaluation"]["fairness"]["groups"]
    name = ledger.system(SYSTEM).name.get(lang)
    table = Table(title=_("Approval rates of {name} by group").format(name=name))
    for header in (_("group"), _("applicants"), _("approval rate (95% CI)"), _("good risks")):
        table.add_column(header, justify="left" if header == _("group") else "right")
    for g in groups:
        if g["grouping"] not in ("sex", "age_band"):
            continue
        table.add_row(
            Text(g["group"]),
            str(g["count"]),
            f"{g['selection_rate']:.1%} ({g['selection_rate_ci_low']:.1%}–"
            f"{g['selection_rate_ci_high']:.1%})",
            f"{g['base_rate']:.1%}",
        )
    out.print(table)
    for check in body["checks"]:
        if check["metric"] != "demographic_parity_ratio":
            continue
        out.print(
            _(
                "{check}: lowest ÷ highest approval rate = {value:.2f} (required {require}): "
                "{status}."
            ).format(
                check=check["id"],
                value=check["value"],
                require=check["require"],
                status=status_label(check["status"]).upper(),
            )
        )
    out.print(
        _("Plan result: {status}; evidence {sha256} stored in the ledger ({size} bytes).").format(
            status=status_label(record.status).upper(), sha256=record.sha256[:16], size=record.size
        )
    )
    out.print(
        _("Linked to the worksheet of {system}: {items}.").format(
            system=SYSTEM, items=", ".join(record.requirements)
        )
    )
    out.print(
        _("See it with: daicho --home {home} evidence list {system}").format(
            home=ledger.home, system=SYSTEM
        )
    )
