"""The benchmark (issue 10): not part of the app, not run in CI. See README "Benchmark"."""
