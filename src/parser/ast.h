// Umbrella header: every AST node.
#pragma once

#include "parser/expression/case_expression.h"
#include "parser/expression/cast_expression.h"
#include "parser/expression/column_ref_expression.h"
#include "parser/expression/constant_expression.h"
#include "parser/expression/function_expression.h"
#include "parser/expression/operator_expression.h"
#include "parser/expression/predicate_expressions.h"
#include "parser/expression/subquery_expression.h"
#include "parser/parsed_expression.h"
#include "parser/query_node/query_node.h"
#include "parser/statement/create_external_schema_statement.h"
#include "parser/statement/ddl_statements.h"
#include "parser/statement/sql_statement.h"
#include "parser/tableref/table_ref.h"
