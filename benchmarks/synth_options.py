"""Ways to run two syntheses at once with the default voice, for benchmarks/run.py to time
and weigh (memory of the whole process tree):

  threads       two threads in one process sharing one model (what narrator does)
  sessions      two threads in one process, each with its own onnxruntime session
  processes     two worker processes, each with its own model (what narrator did before)
  worker+main   one worker process, and synthesis in the main process too
  fork-shared   two processes forked from one that loaded the G2P dictionaries first, so
                their pages are shared copy-on-write until written

    python benchmarks/synth_options.py OPTION SOURCE
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def main() -> None:
    option, source = sys.argv[1], Path(sys.argv[2])
    from narrator.api import make_script
    from narrator.settings import load_settings
    from narrator.synth.cache import ClipCache
    from narrator.synth.synthesise import Synthesiser, _executor, _run, _run_in_worker, script_keys
    from narrator.synth.voices import load_profile, voicing_for

    settings = load_settings({"voice": "heart"}, environ={})
    voicing = voicing_for(load_profile("heart"))
    keys = script_keys(make_script(source, settings), voicing)
    tasks = list(keys.tasks.values())
    folder = tempfile.mkdtemp(prefix="narrator-options-")
    if option == "threads":
        with Synthesiser(voicing, ClipCache(Path(folder), 0), keys.tasks, jobs=2) as synth:
            synth.request([t.key for t in tasks])
            for t in tasks:
                synth.clip(t.key)
    elif option == "sessions":
        import threading

        from hibari import Hibari

        engine = voicing.engine
        shared = engine._model(voicing.profile)
        local = threading.local()

        def run(task) -> None:
            if not hasattr(local, "model"):
                local.model = Hibari(voice="heart", g2p=shared.g2p)
            model = local.model
            ClipCache(Path(folder), 0).put(task.key, model(task.text, speed=task.voice.speed, seed=0), 24000)

        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as pool:
            list(pool.map(run, tasks))
    elif option == "processes":
        with _executor("process", 2, ("hibari",)) as pool:
            list(pool.map(_run_in_worker, tasks, [folder] * len(tasks)))
    elif option == "worker+main":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from narrator.synth.synthesise import _start_worker

        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker, initargs=(("hibari",),)) as pool:
            futures = [pool.submit(_run_in_worker, t, folder) for t in tasks[1::2]]
            engine = voicing.engine
            for t in tasks[::2]:
                _run(engine, t, folder)
            for f in futures:
                f.result()
    elif option == "fork-shared":
        import gc
        import os

        from hibari import Hibari
        from hibari.g2p import G2P

        from narrator.synth.engines.hibari import _LockedG2P

        engine = voicing.engine
        g2p = _LockedG2P(G2P())  # the dictionaries, loaded once before the fork
        g2p("Warm up.")
        gc.freeze()  # the collector never writes to the shared objects' pages
        children = []
        for index in range(2):
            pid = os.fork()
            if pid == 0:
                engine._models["heart"] = Hibari(voice="heart", g2p=g2p)  # a session of its own
                for t in tasks[index::2]:
                    _run(engine, t, folder)
                os._exit(0)
            children.append(pid)
        for pid in children:
            os.waitpid(pid, 0)
    else:
        raise SystemExit(f"unknown option {option}")


if __name__ == "__main__":
    main()
