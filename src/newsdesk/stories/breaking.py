"""Breaking news: a story is *breaking* when the number of distinct sources reporting it grows
fast compared with its own earlier pace and with the desk's recent baseline.

At each new source of a story, at time ``t`` and with window ``W`` (``breaking_window_minutes``):

* ``recent`` = distinct sources whose first report of the story fell in ``(t - W, t]``;
* ``own`` = the story's earlier pace: distinct sources before the window, per window length,
  over the time the story has been open before the window (0 for a new story);
* ``desk`` = the desk's baseline: an exponentially weighted mean of ``recent`` over the
  arrivals of new sources to *any* story (what a typical story gets in one window).

The story is flagged when ``recent >= min_sources`` and ``recent >= ratio * max(own, desk)``.
The flag records the time of the report that raised it (``breaking_at``) and stays on for the
life of the story: "this story broke at 14:05".
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BreakingRule", "DeskBaseline", "check_breaking"]


@dataclass(slots=True)
class BreakingRule:
    window_seconds: float = 3600.0
    min_sources: int = 3  # fewer distinct sources than this in one window is never "breaking"
    ratio: float = 2.0  # how many times faster than the baseline
    desk_alpha: float = 0.02  # weight of one observation in the desk's moving baseline


@dataclass(slots=True)
class DeskBaseline:
    """The desk-wide mean of distinct sources per story per window (moving average)."""

    mean: float = 1.0
    observations: int = 0

    def observe(self, recent: int, alpha: float, prior: int = 20) -> None:
        self.observations += 1
        # a plain mean while there are few observations, starting from a prior of one source
        # per window worth ``prior`` observations (one busy story does not set the baseline)
        a = max(alpha, 1.0 / (self.observations + prior))
        self.mean += a * (recent - self.mean)


def check_breaking(source_times: list[float], t: float, desk: DeskBaseline, rule: BreakingRule) -> bool:
    """Whether a story whose distinct sources first reported it at ``source_times`` (ascending
    seconds) is breaking at ``t``. Updates ``desk`` with this story's window count. Pure
    apart from the baseline object it is given."""
    if not source_times:
        return False
    start = t - rule.window_seconds
    recent = sum(1 for s in source_times if s > start)
    earlier = len(source_times) - recent
    opened = source_times[0]
    own = 0.0
    if earlier and start > opened:
        own = earlier * rule.window_seconds / (start - opened)
    baseline = max(own, desk.mean)
    flagged = recent >= rule.min_sources and recent >= rule.ratio * baseline
    desk.observe(recent, rule.desk_alpha)
    return flagged
