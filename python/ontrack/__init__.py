"""ontrack: development-plan monitoring.

Plans, indicators, baselines, targets and observations; trend projections with honest
uncertainty; progress assessment. The numerical core is C++ (``ontrack._core``); this package
re-exports it and adds the Python conveniences.
"""

from . import _core, assessment, datasets, derive, evaluation, io, plans, store
from . import evaluation as evaluations
from .assessment import AssessedProjection, Assessment, EarlyWarning, assess
from .evaluation import Evaluation, evaluate
from .io import read_observations, read_sdmx_csv, write_observations
from .projection import (
    MODELS,
    STATUSES,
    LinearFit,
    MannKendall,
    Projection,
    TheilSen,
    fit_linear,
    mann_kendall,
    project,
    theil_sen,
)
from .batch import ProjectionArray, project_many
from .backtest import Backtest, backtest
from .observations import ImportValidationError, ObservationRecord, Observations, Problem
from .store import Store
from ._core import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    Bounds,
    Comparator,
    CountNames,
    Direction,
    Domain,
    FileError,
    GapMeasure,
    Goal,
    Indicator,
    InvalidInputError,
    MilestoneStatus,
    NotFoundError,
    Observation,
    ObservationFlag,
    ObservationProblem,
    OntrackError,
    Plan,
    PlanFormatError,
    Scale,
    Series,
    SeriesRef,
    Target,
    TargetKind,
    Text,
)

from ._repr import attach as _attach_notebook_methods

_attach_notebook_methods()  # Plan and Indicator come from the binding; their notebook methods from _repr

__version__: str = _core.__version__

__all__ = [
    "AssessedProjection",
    "Assessment",
    "Backtest",
    "EarlyWarning",
    "Evaluation",
    "assess",
    "assessment",
    "backtest",
    "evaluate",
    "evaluation",
    "evaluations",
    "LinearFit",
    "MODELS",
    "MannKendall",
    "Projection",
    "STATUSES",
    "TheilSen",
    "fit_linear",
    "mann_kendall",
    "project",
    "ProjectionArray",
    "project_many",
    "theil_sen",
    "Bounds",
    "Comparator",
    "CountNames",
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "Direction",
    "Domain",
    "FileError",
    "ImportValidationError",
    "GapMeasure",
    "Goal",
    "Indicator",
    "InvalidInputError",
    "MilestoneStatus",
    "NotFoundError",
    "Observation",
    "ObservationFlag",
    "ObservationProblem",
    "ObservationRecord",
    "Observations",
    "OntrackError",
    "Plan",
    "PlanFormatError",
    "Problem",
    "Scale",
    "Series",
    "SeriesRef",
    "Store",
    "Target",
    "TargetKind",
    "Text",
    "__version__",
    "datasets",
    "derive",
    "io",
    "plans",
    "read_observations",
    "read_sdmx_csv",
    "store",
    "write_observations",
]
