"""Sentiment (负面/中性/正面) and 诉求 type (投诉/咨询/建议/求助/其他) of posts. No Django.

Two linear models (scikit-learn): TF-IDF over the shared rjieba tokens (`gongkai.search.segment`)
joined with TF-IDF over character 1–3-grams (one vectoriser, shared by both models), into a logistic
regression with balanced class weights.
They are trained on data/training/opinion.tsv, the project's own labelled text (see generate.py there).

The trained pair is shipped as data/training/classifiers.pickle. It is loaded when the scikit-learn
version that wrote it is the installed one (the lock pins it) and the training file is the one it was
trained on; otherwise the models are trained from the TSV in this process (about a second) — so a
version bump or an edited TSV can never serve stale or unreadable models. `python -m gongkai
train_opinion_models` rewrites the pickle and prints the held-out evaluation.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TRAINING_DIR = Path(__file__).parent / "data" / "training"
TRAINING_FILE = TRAINING_DIR / "opinion.tsv"
CHECK_FILE = TRAINING_DIR / "check_enquiries.tsv"
MODEL_FILE = TRAINING_DIR / "classifiers.pickle"

# The TSV is labelled in Chinese; the models predict the stored values of Post.sentiment / .demand.
SENTIMENTS = {"负面": "negative", "中性": "neutral", "正面": "positive"}
DEMANDS = {"投诉": "complaint", "咨询": "enquiry", "建议": "suggestion", "求助": "help", "其他": "other"}
MAX_CHARS = 600  # a long article's opening says what it is about; the rest only costs time


@dataclass(frozen=True)
class Example:
    group: int
    sentiment: str
    demand: str
    channel: str
    text: str


def load_examples(path: Path = TRAINING_FILE) -> list[Example]:
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            group, sentiment, demand, channel, text = line.split("\t")
            examples.append(Example(int(group), SENTIMENTS[sentiment], DEMANDS[demand], channel, text))
    return examples


def words(text: str) -> list[str]:
    """The word analyzer: the search index's own tokenizer (module-level so that the model pickles)."""
    from gongkai.search.segment import segment

    return segment(text)


def build_features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            ("words", TfidfVectorizer(analyzer=words, sublinear_tf=True, min_df=2)),
            ("chars", TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2)),
        ]
    )


def build_model():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")


@dataclass
class Classifiers:
    """One vectoriser shared by both models: a batch is tokenised once, then two dot products."""

    features: object
    sentiment: object
    demand: object
    sklearn_version: str
    training_sha: str

    def predict(self, texts: Sequence[str]) -> list[tuple[str, str]]:
        """(sentiment, demand) for each text, the whole batch vectorised at once."""
        if not texts:
            return []
        matrix = self.features.transform([t[:MAX_CHARS] for t in texts])
        sentiments, demands = self.sentiment.predict(matrix), self.demand.predict(matrix)
        return [(str(s), str(d)) for s, d in zip(sentiments, demands, strict=True)]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(examples: Sequence[Example] | None = None) -> Classifiers:
    import sklearn

    examples = load_examples() if examples is None else examples
    features = build_features()
    matrix = features.fit_transform([e.text for e in examples])
    sentiment = build_model().fit(matrix, [e.sentiment for e in examples])
    demand = build_model().fit(matrix, [e.demand for e in examples])
    return Classifiers(features, sentiment, demand, sklearn.__version__, _sha(TRAINING_FILE))


def save(classifiers: Classifiers, path: Path = MODEL_FILE) -> None:
    path.write_bytes(pickle.dumps(classifiers, protocol=pickle.HIGHEST_PROTOCOL))


def load(path: Path = MODEL_FILE) -> Classifiers | None:
    """The shipped models, or None when they are missing or were made by another version or data."""
    import sklearn

    if not path.exists():
        return None
    try:
        # The pickle is the project's own file, shipped beside this module, not user input.
        classifiers = pickle.loads(path.read_bytes())
    except Exception:
        return None
    if classifiers.sklearn_version != sklearn.__version__ or classifiers.training_sha != _sha(TRAINING_FILE):
        return None
    return classifiers


@cache
def classifiers() -> Classifiers:
    return load() or train()


def classify(texts: Sequence[str]) -> list[tuple[str, str]]:
    return classifiers().predict(texts)


def evaluate(folds: int = 5) -> dict:
    """Cross-validated by pattern group (GroupKFold): no pattern is on both sides of a split.

    Returns accuracy and per-class F1 for both tasks over the pooled held-out predictions, and on the
    hand-written check set of neutral enquiries the share called negative and the share called 咨询.
    """
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold

    examples = load_examples()
    texts = [e.text for e in examples]
    groups = [e.group for e in examples]
    result: dict = {"examples": len(examples), "patterns": len(set(groups)), "folds": folds}
    truths = {task: [getattr(e, task) for e in examples] for task in ("sentiment", "demand")}
    predictions = {task: [""] * len(examples) for task in truths}
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(texts, groups=groups):
        features = build_features()
        matrix = features.fit_transform([texts[i] for i in train_idx])
        held_out = features.transform([texts[i] for i in test_idx])
        for task, truth in truths.items():
            model = build_model().fit(matrix, [truth[i] for i in train_idx])
            for i, label in zip(test_idx, model.predict(held_out), strict=True):
                predictions[task][i] = label
    for task, truth in truths.items():
        predicted = predictions[task]
        labels = sorted(set(truth))
        result[task] = {
            "accuracy": accuracy_score(truth, predicted),
            "f1": dict(zip(labels, f1_score(truth, predicted, labels=labels, average=None), strict=True)),
            "macro_f1": f1_score(truth, predicted, average="macro"),
        }
    check = [line for line in CHECK_FILE.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    predictions = train(examples).predict(check)
    counts = Counter(s for s, _d in predictions)
    result["check_enquiries"] = {
        "count": len(check),
        "negative_share": counts["negative"] / len(check),
        "enquiry_share": sum(d == "enquiry" for _s, d in predictions) / len(check),
    }
    return result
