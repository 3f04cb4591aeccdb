#pragma once
/// Exception types and message conventions.
///
/// Caller errors are standard exception types (`std::invalid_argument` for a bad value,
/// `std::out_of_range` for an unknown id or year, `std::domain_error` for math outside its
/// domain) with messages that name the offending thing and the rule broken. A malformed plan file
/// raises `plan_error`, which also carries the file and the JSON pointer of the offending member.
/// Numerical trouble inside a fit is not an exception: results carry a status and a reason.

#include <stdexcept>
#include <string>
#include <utility>

namespace ontrack {

/// A plan (file or in-memory) that breaks a rule of the plan format.
///
/// `what()` reads `<file>: <pointer>: <rule>`; the parts are also available separately so that
/// tools can point at the place (e.g. `/domains/2/goals/4/indicators/0/targets/0/value`).
class plan_error : public std::invalid_argument {
 public:
  plan_error(std::string file, std::string pointer, std::string rule)
      : std::invalid_argument(compose(file, pointer, rule)),
        file_(std::move(file)),
        pointer_(std::move(pointer)),
        rule_(std::move(rule)) {}

  /// The file the plan came from; empty for a plan built in memory.
  const std::string& file() const noexcept { return file_; }
  /// JSON pointer (RFC 6901) of the offending member; empty for the whole document.
  const std::string& pointer() const noexcept { return pointer_; }
  /// The rule broken, as a sentence fragment.
  const std::string& rule() const noexcept { return rule_; }

  /// The same error, attributed to `file`.
  plan_error in_file(const std::string& file) const { return plan_error(file, pointer_, rule_); }

 private:
  static std::string compose(const std::string& file, const std::string& pointer,
                             const std::string& rule) {
    std::string message;
    if (!file.empty()) message += file + ": ";
    message += (pointer.empty() ? std::string("/") : pointer) + ": " + rule;
    return message;
  }

  std::string file_;
  std::string pointer_;
  std::string rule_;
};

/// A file that cannot be opened, read or written; the message names the file.
class file_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ontrack
