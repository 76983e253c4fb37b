// Operators are defined by the execution engine, which runs them; this module builds the
// operators that call models on top of it.
@_exported import EmberXCS
