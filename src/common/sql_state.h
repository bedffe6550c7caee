// SQLSTATE codes, as PostgreSQL's errcodes.txt names them.
#pragma once

namespace tributary::sqlstate {

constexpr const char* kSuccessfulCompletion = "00000";
constexpr const char* kWarning = "01000";
constexpr const char* kFeatureNotSupported = "0A000";
constexpr const char* kConnectionException = "08000";
constexpr const char* kSqlClientUnableToEstablishConnection = "08001";
constexpr const char* kConnectionFailure = "08006";
constexpr const char* kProtocolViolation = "08P01";
constexpr const char* kCardinalityViolation = "21000";
constexpr const char* kDataException = "22000";
constexpr const char* kStringDataRightTruncation = "22001";
constexpr const char* kNumericValueOutOfRange = "22003";
constexpr const char* kNullValueNotAllowed = "22004";
constexpr const char* kInvalidDatetimeFormat = "22007";
constexpr const char* kDatetimeFieldOverflow = "22008";
constexpr const char* kDivisionByZero = "22012";
constexpr const char* kInvalidParameterValue = "22023";
constexpr const char* kInvalidRegularExpression = "2201B";
constexpr const char* kInvalidTextRepresentation = "22P02";
constexpr const char* kIntegrityConstraintViolation = "23000";
constexpr const char* kNotNullViolation = "23502";
constexpr const char* kInvalidTransactionState = "25000";
constexpr const char* kActiveSqlTransaction = "25001";
constexpr const char* kReadOnlySqlTransaction = "25006";
constexpr const char* kNoActiveSqlTransaction = "25P01";
constexpr const char* kInFailedSqlTransaction = "25P02";
constexpr const char* kInvalidAuthorizationSpecification = "28000";
constexpr const char* kInvalidPassword = "28P01";
constexpr const char* kSerializationFailure = "40001";
constexpr const char* kSyntaxError = "42601";
constexpr const char* kInsufficientPrivilege = "42501";
constexpr const char* kGroupingError = "42803";
constexpr const char* kWindowingError = "42P20";
constexpr const char* kDatatypeMismatch = "42804";
constexpr const char* kWrongObjectType = "42809";
constexpr const char* kUndefinedColumn = "42703";
constexpr const char* kUndefinedFunction = "42883";
constexpr const char* kUndefinedTable = "42P01";
constexpr const char* kUndefinedObject = "42704";
constexpr const char* kInvalidSchemaName = "3F000";
constexpr const char* kDuplicateColumn = "42701";
constexpr const char* kDuplicateSchema = "42P06";
constexpr const char* kDuplicateTable = "42P07";
constexpr const char* kDuplicateObject = "42710";
constexpr const char* kAmbiguousColumn = "42702";
constexpr const char* kAmbiguousFunction = "42725";
constexpr const char* kAmbiguousAlias = "42P09";
constexpr const char* kDuplicateAlias = "42712";
constexpr const char* kInvalidColumnReference = "42P10";
constexpr const char* kDependentObjectsStillExist = "2BP01";
constexpr const char* kInvalidObjectDefinition = "42P17";
constexpr const char* kInvalidTableDefinition = "42P16";
constexpr const char* kQueryCanceled = "57014";
constexpr const char* kProgramLimitExceeded = "54000";
constexpr const char* kObjectInUse = "55006";
constexpr const char* kOutOfMemory = "53200";
constexpr const char* kDiskFull = "53100";
constexpr const char* kIoError = "58030";
constexpr const char* kDataCorrupted = "XX001";
constexpr const char* kInternalError = "XX000";

}  // namespace tributary::sqlstate
