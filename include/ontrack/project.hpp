#pragma once
/// The projection engine: every model, automatic selection and the batch kernel.
///
///   projection.hpp    common result type (predictive distributions, statuses, options)
///   calibration.hpp   the calibrated (default) uncertainty: slope drift added to every model
///   linear.hpp        OLS trend and the general fit_linear (NIST-certified digits)
///   log_linear.hpp    log-linear trend, CAGR / AARR
///   logit.hpp         bounded (logit) trend
///   theil_sen.hpp     Theil–Sen robust trend, Mann–Kendall test
///   holt.hpp          Holt / damped Holt (wraps ets.hpp)
///   two_point.hpp     two-point CAGR extrapolation
///   weighted.hpp      ESCAP weighted geometric extrapolation
///   count.hpp         Poisson rate and binomial share GLMs from counts
///   select.hpp        project(model, ...) dispatch and auto selection
///   batch.hpp         multithreaded CSR batch kernel

#include <ontrack/project/projection.hpp>
#include <ontrack/project/linear.hpp>
#include <ontrack/project/log_linear.hpp>
#include <ontrack/project/logit.hpp>
#include <ontrack/project/theil_sen.hpp>
#include <ontrack/project/holt.hpp>
#include <ontrack/project/two_point.hpp>
#include <ontrack/project/weighted.hpp>
#include <ontrack/project/count.hpp>
#include <ontrack/project/select.hpp>
#include <ontrack/project/batch.hpp>
