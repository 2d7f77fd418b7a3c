"""symmem.limited: work in child processes, each piece stopped at its time limit."""

from __future__ import annotations

import os
import time

import pytest

from symmem.limited import Outcome, run_limited


def _square(n: int) -> int:
    return n * n


def _sleep_then_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _tidy(path: str) -> None:
    try:
        time.sleep(60)
    finally:  # runs: the stop is an exception in the child, not a kill
        with open(path, "w") as stream:
            stream.write("tidied")


def test_each_value_comes_back_with_its_item():
    seen: dict[int, Outcome] = {}
    run_limited(range(5), _square, jobs=2, limit=30, done=seen.__setitem__)
    assert {n: o.value for n, o in seen.items()} == {n: n * n for n in range(5)}


def test_work_past_its_limit_is_stopped_and_its_finally_runs(tmp_path):
    seen: dict[str, Outcome] = {}
    path = str(tmp_path / "flag")
    started = time.monotonic()
    run_limited([path], _tidy, jobs=1, limit=0.5, done=seen.__setitem__)
    assert time.monotonic() - started < 30  # not the 60 s the work asked for
    assert seen[path].stopped and seen[path].value is None
    assert open(path).read() == "tidied"


def test_an_interrupted_run_leaves_no_child_behind():
    pids: list[int] = []

    def done(item: float, outcome: Outcome) -> None:
        pids.append(outcome.value)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_limited([0.0, 60.0], _sleep_then_pid, jobs=2, limit=None, done=done)
    assert len(pids) == 1
    children = [p for p in os.listdir("/proc") if p.isdigit()
                and _parent(int(p)) == os.getpid()]
    assert children == []


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stream:
            return int(stream.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _pid_or_sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_a_child_is_reused_until_one_of_its_items_is_stopped():
    """Warm children do the next item; after a stop, a fresh one takes over."""
    ended: list[tuple[float, Outcome]] = []
    run_limited([0.0, 0.0, 60.0, 0.0, 0.0], _pid_or_sleep, jobs=1, limit=1.0,
                done=lambda item, outcome: ended.append((item, outcome)))
    assert [item for item, _ in ended] == [0.0, 0.0, 60.0, 0.0, 0.0]
    pids = [outcome.value for _, outcome in ended]
    assert pids[0] == pids[1] and ended[2][1].stopped and pids[3] == pids[4]
    assert pids[3] != pids[0] and os.getpid() not in pids
