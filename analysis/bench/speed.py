"""Wall time and peak memory per mode, each run in a fresh process."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

from .data import label_codebook, load_benchmark, perturbed_texts

__all__ = ["speed_row", "run_one"]


def stored_vectors(base_path: str | None, source: np.ndarray, seed: int) -> np.ndarray | None:
    """Vectors as the app reads them from the database: those of the source texts, with a
    little noise for the perturbations (embedding 100k answers happens when they arrive)."""
    if not base_path:
        return None
    base = np.load(base_path)
    rng = np.random.RandomState(seed)
    noisy = base[source] + rng.normal(0, 0.01, (len(source), base.shape[1])).astype(np.float32)
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def run_one(data: str, size: int, mode: str, vectors_path: str | None = None) -> dict:
    """Fit one mode on ``size`` perturbed answers; return seconds and peak memory (MiB)."""
    from ..model import ThemeModel

    frame = load_benchmark(data)
    texts, source = perturbed_texts(frame["text"].tolist(), size, seed=size)
    vectors = stored_vectors(vectors_path, source, size)
    labels = frame["label"].tolist()
    # Learn-from-coding: every tenth answer carries its label as the planner's code.
    coded = (
        [labels[i] if n % 10 == 0 else None for n, i in enumerate(source)]
        if mode == "coding"
        else None
    )
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, cpu0 = time.perf_counter(), time.process_time()
    codebook = label_codebook() if mode == "guided" else None
    ThemeModel(mode=mode, codebook=codebook, random_state=0).fit(
        texts, coded=coded, vectors=vectors
    )
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Wall time on a shared machine depends on other load; CPU time much less so.
    return {
        "size": size,
        "mode": mode,
        "seconds": seconds,
        "CPU seconds": cpu,
        "load": os.getloadavg()[0],
        "peak MiB": peak,
        "before fit MiB": base,
    }


def speed_row(
    data: str, size: int, mode: str, vectors_path: str | None = None, timeout: float = 900
) -> dict:
    """Run :func:`run_one` in a subprocess so peak memory is that run's own."""
    code = (
        "import json,sys; from analysis.bench.speed import run_one; "
        f"print(json.dumps(run_one({data!r}, {size}, {mode!r}, {vectors_path!r})))"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {
            "size": size,
            "mode": mode,
            "seconds": float("nan"),
            "peak MiB": float("nan"),
            "note": f"timeout after {timeout:.0f} s",
        }
    if result.returncode != 0:
        return {
            "size": size,
            "mode": mode,
            "seconds": float("nan"),
            "peak MiB": float("nan"),
            "note": result.stderr.strip().splitlines()[-1][:80],
        }
    return json.loads(result.stdout.strip().splitlines()[-1])
