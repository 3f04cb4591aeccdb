#pragma once
/// Everything of ontrack's public C++ API.

#include <ontrack/error.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/observation_rules.hpp>
#include <ontrack/plan.hpp>
#include <ontrack/plan_io.hpp>
#include <ontrack/project.hpp>
#include <ontrack/assess/modes.hpp>
#include <ontrack/evaluate.hpp>
#include <ontrack/series.hpp>
#include <ontrack/target.hpp>
#include <ontrack/text.hpp>
#include <ontrack/version.hpp>
#include <ontrack/years.hpp>
