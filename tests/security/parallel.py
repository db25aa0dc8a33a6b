"""Requests released at one moment: the threads of the live-server concurrency suites."""

import threading


def together(jobs, *, parallel=True):
    """Run the jobs at the same moment (or one after another when not `parallel`); return
    their results in order. An exception in a job is returned as its result."""
    if not parallel:
        return [job() for job in jobs]
    results = [None] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def run(index, job):
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:  # reported by the caller's assertions
            results[index] = error

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
