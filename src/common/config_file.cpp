#include "common/config_file.h"

#include <fstream>
#include <sstream>

#include "common/exception.h"

namespace tributary {

nlohmann::json ReadConfigFile(const std::string& data_directory) {
  if (data_directory.empty())
    return nlohmann::json::object();
  std::ifstream in(data_directory + "/tributary.conf");
  if (!in)
    return nlohmann::json::object();
  std::stringstream text;
  text << in.rdbuf();
  try {
    auto conf = nlohmann::json::parse(text.str());
    if (!conf.is_object())
      throw Exception(sqlstate::kInvalidParameterValue, "tributary.conf must hold a JSON object");
    return conf;
  } catch (const nlohmann::json::exception& e) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "tributary.conf is not valid JSON: " + std::string(e.what()));
  }
}

}  // namespace tributary
