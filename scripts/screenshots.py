"""Export screenshots of `today`, `summary` and `stats` as SVG into docs/images/.

Run it when their output changes: python scripts/screenshots.py [--out DIR]
The pictures come from a demo database (two years, 300 contacts, seed 1) on a
pinned day, rendered by Rich as a terminal would show them.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
PINNED_NOW = "2026-11-25T08:30"


def main() -> int:
    """Build the demo, render each report into a recording console, save the SVGs."""
    out_dir = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else IMAGES
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="reftrack-shots-")
    os.environ.update(
        {
            "REFTRACK_DB": f"{scratch}/demo.db",
            "REFTRACK_CONFIG": f"{scratch}/config.toml",
            "REFTRACK_NOW": PINNED_NOW,
        }
    )
    os.environ.pop("NO_COLOR", None)

    from rich.console import Console
    from rich.text import Text

    import reftrack.render.charts
    import reftrack.render.goals
    import reftrack.render.lines
    import reftrack.render.output
    from reftrack.config import set_value
    from reftrack.render.summary import summary_text
    from reftrack.services.demo import fill_demo
    from reftrack.services.runtime import Runtime
    from reftrack.services.stats import habit_stats
    from reftrack.services.summary import week_of, weekly_summary
    from reftrack.services.today import today_agenda

    set_value("rep", "ana")
    rt = Runtime.load(os.environ["REFTRACK_DB"])  # the scratch database, never the default
    fill_demo(rt, 2, 300, 1)

    def shoot(name: str, title: str, draw) -> None:  # type: ignore[no-untyped-def]
        recording = Console(
            record=True,
            force_terminal=True,
            width=92,
            color_system="truecolor",
            highlight=False,
            file=io.StringIO(),
        )
        for module in (reftrack.render.goals, reftrack.render.charts, reftrack.render.output):
            module.console = lambda stderr=False, _c=recording: _c  # type: ignore[attr-defined]
        # Lines go through Rich (and so into the recording) even though stdout is no terminal.
        reftrack.render.lines.styles_off = lambda: False  # type: ignore[assignment]
        draw(recording)
        target = out_dir / f"{name}.svg"
        target.write_text(recording.export_svg(title=title))
        print(f"wrote {target}")

    shoot(
        "today",
        "reftrack today",
        lambda c: reftrack.render.goals.print_today(today_agenda(rt, rt.today)),
    )
    shoot(
        "summary",
        "reftrack summary",
        lambda c: c.print(Text(summary_text(weekly_summary(rt, week_of(rt, "last"))))),
    )
    shoot(
        "stats", "reftrack stats", lambda c: reftrack.render.charts.print_stats(habit_stats(rt, 26))
    )
    rt.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
