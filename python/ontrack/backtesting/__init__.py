"""The parts of :func:`ontrack.backtest`: scoring rules (:mod:`.metrics`), charts
(:mod:`.charts`) and the files a backtest writes (:mod:`.output`)."""
