// AwsError: a control-plane error with the AWS error code the AWS CLI would
// print ("ResourceNotFoundException", "NoSuchEntity", ...), so scripts
// written against AWS read our errors the same way.
#pragma once

#include "common/exception.h"

namespace tributary {

class AwsError : public Exception {
 public:
  AwsError(std::string code, const char* sql_state, std::string message)
      : Exception(sql_state, std::move(message)), code_(std::move(code)) {}
  const std::string& Code() const { return code_; }

 private:
  std::string code_;
};

}  // namespace tributary
