"""Train the sentiment and 诉求 classifiers from data/training/opinion.tsv and ship them as a pickle.

Run by hand after editing the training file or upgrading scikit-learn (the pickle is only used when
both match; otherwise each process retrains at first use, which is slower to start but correct).
`--evaluate` also prints accuracy and per-class F1, cross-validated by sentence pattern, and the share
of hand-written neutral enquiries called negative.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from gongkai.opinion import classify


class Command(BaseCommand):
    help = "训练舆情情感倾向和诉求类型分类模型，写入随代码发布的模型文件"

    def add_arguments(self, parser):
        parser.add_argument("--evaluate", action="store_true", help="按句式分组交叉验证并输出准确率")
        parser.add_argument("--dry-run", action="store_true", help="只训练和评估，不写模型文件")

    def handle(self, *args, evaluate: bool = False, dry_run: bool = False, **options):
        started = time.perf_counter()
        models = classify.train()
        self.stdout.write(
            f"trained on {len(classify.load_examples())} examples in {time.perf_counter() - started:.1f} s"
        )
        if not dry_run:
            classify.save(models)
            size = classify.MODEL_FILE.stat().st_size
            self.stdout.write(f"wrote {classify.MODEL_FILE.name} ({size / 1024:.0f} KiB)")
        if evaluate:
            result = classify.evaluate()
            self.stdout.write(
                f"{result['examples']} examples, {result['patterns']} patterns, {result['folds']}-fold by pattern"
            )
            for task in ("sentiment", "demand"):
                r = result[task]
                f1 = ", ".join(f"{label} {value:.3f}" for label, value in r["f1"].items())
                self.stdout.write(
                    f"{task}: accuracy {r['accuracy']:.3f}, macro F1 {r['macro_f1']:.3f} ({f1})"
                )
            c = result["check_enquiries"]
            self.stdout.write(
                f"neutral enquiries ({c['count']}): called negative {c['negative_share']:.1%}, called 咨询 {c['enquiry_share']:.1%}"
            )
