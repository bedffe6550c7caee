#include "planner/expression/bound_window_expression.h"

namespace tributary {

namespace {

const char* BoundaryString(WindowBoundary b) {
  switch (b) {
    case WindowBoundary::kUnboundedPreceding:
      return "UNBOUNDED PRECEDING";
    case WindowBoundary::kOffsetPreceding:
      return "PRECEDING";
    case WindowBoundary::kCurrentRow:
      return "CURRENT ROW";
    case WindowBoundary::kOffsetFollowing:
      return "FOLLOWING";
    case WindowBoundary::kUnboundedFollowing:
      return "UNBOUNDED FOLLOWING";
  }
  return "";
}

std::string BoundString(WindowBoundary b, int64_t offset, const Value& value) {
  bool has_offset = b == WindowBoundary::kOffsetPreceding || b == WindowBoundary::kOffsetFollowing;
  std::string text = value.IsNull() ? std::to_string(offset) : "'" + value.ToString() + "'";
  return (has_offset ? text + " " : std::string()) + BoundaryString(b);
}

bool ListsEqual(const std::vector<ExpressionPtr>& a, const std::vector<ExpressionPtr>& b) {
  if (a.size() != b.size())
    return false;
  for (idx_t i = 0; i < a.size(); i++) {
    if (!a[i]->Equals(*b[i]))
      return false;
  }
  return true;
}

}  // namespace

bool BoundWindowExpression::SameWindow(const BoundWindowExpression& other) const {
  if (!ListsEqual(partitions, other.partitions) || orders.size() != other.orders.size())
    return false;
  for (idx_t i = 0; i < orders.size(); i++) {
    if (orders[i].type != other.orders[i].type ||
        orders[i].null_order != other.orders[i].null_order ||
        !orders[i].expression->Equals(*other.orders[i].expression)) {
      return false;
    }
  }
  return true;
}

std::string BoundWindowExpression::ToString() const {
  std::string s = name + "(";
  if (window_type == WindowFunctionType::kAggregate && children.empty() && name == "count")
    s += "*";
  for (idx_t i = 0; i < children.size(); i++)
    s += (i ? ", " : "") + children[i]->ToString();
  s += ")";
  if (filter)
    s += " FILTER (WHERE " + filter->ToString() + ")";
  s += " OVER (";
  std::string spec;
  for (idx_t i = 0; i < partitions.size(); i++)
    spec += (i ? ", " : "PARTITION BY ") + partitions[i]->ToString();
  for (idx_t i = 0; i < orders.size(); i++)
    spec += (i ? ", " : (spec.empty() ? "ORDER BY " : " ORDER BY ")) + orders[i].ToString();
  spec += std::string(spec.empty() ? "" : " ") +
          (frame_mode == WindowFrameMode::kRows     ? "ROWS"
           : frame_mode == WindowFrameMode::kGroups ? "GROUPS"
                                                    : "RANGE") +
          " BETWEEN " + BoundString(start, start_offset, start_value) + " AND " +
          BoundString(end, end_offset, end_value);
  const char* excludes[] = {"", " EXCLUDE CURRENT ROW", " EXCLUDE GROUP", " EXCLUDE TIES"};
  spec += excludes[static_cast<int>(exclude)];
  return s + spec + ")";
}

std::unique_ptr<Expression> BoundWindowExpression::Copy() const {
  auto copy = std::make_unique<BoundWindowExpression>(window_type, name, return_type);
  if (aggregate)
    copy->aggregate = std::make_unique<AggregateFunction>(*aggregate);
  if (bind_data)
    copy->bind_data = bind_data->Copy();
  for (auto& c : children)
    copy->children.push_back(c->Copy());
  if (filter)
    copy->filter = filter->Copy();
  for (auto& p : partitions)
    copy->partitions.push_back(p->Copy());
  for (auto& o : orders)
    copy->orders.push_back(o.Copy());
  copy->frame_mode = frame_mode;
  copy->start = start;
  copy->end = end;
  copy->start_offset = start_offset;
  copy->end_offset = end_offset;
  copy->start_value = start_value;
  copy->end_value = end_value;
  copy->exclude = exclude;
  copy->alias = alias;
  return copy;
}

bool BoundWindowExpression::Equals(const Expression& other) const {
  if (!Expression::Equals(other))
    return false;
  auto& o = other.Cast<BoundWindowExpression>();
  if (window_type != o.window_type || name != o.name || !aggregate != !o.aggregate)
    return false;
  if (aggregate && aggregate->update != o.aggregate->update)
    return false;
  if (!filter != !o.filter || (filter && !filter->Equals(*o.filter)))
    return false;
  return ListsEqual(children, o.children) && SameWindow(o) && frame_mode == o.frame_mode &&
         start == o.start && end == o.end && start_offset == o.start_offset &&
         end_offset == o.end_offset && exclude == o.exclude &&
         start_value.ToString() == o.start_value.ToString() &&
         end_value.ToString() == o.end_value.ToString();
}

}  // namespace tributary
