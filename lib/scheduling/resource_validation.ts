/**
 * Catalogue validation messages for rooms, engineers and gear. The mechanism is shared by every
 * domain and lives in lib/validation_messages.ts; this module only keeps the scheduling imports short.
 */
export {
  errorMessage,
  fieldMessages,
  parseResource,
  type Problem,
  problem,
  problemsOf,
  ResourceConflictError,
  ResourceValidationError,
  say,
} from "../validation_messages.ts";
