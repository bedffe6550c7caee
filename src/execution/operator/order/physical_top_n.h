// PhysicalTopN lives with PhysicalOrder (physical_order.h), which it extends.
#pragma once

#include "execution/operator/order/physical_order.h"
