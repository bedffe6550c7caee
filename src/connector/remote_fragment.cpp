#include "connector/remote_fragment.h"

namespace tributary {

std::string RemoteFragment::Sql(const SqlQuoter& quote) const {
  return deparser->Render(*plan, bindings, quote);
}

}  // namespace tributary
