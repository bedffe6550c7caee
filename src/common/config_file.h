// The data directory's configuration file, tributary.conf: one JSON object
// whose sections belong to their users ("egress": EgressPolicy,
// "federation": the PostgreSQL connection pool). A missing file is an empty
// object; invalid JSON is an error (22023) naming the file.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tributary {

nlohmann::json ReadConfigFile(const std::string& data_directory);

}  // namespace tributary
