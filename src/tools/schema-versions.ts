// The versions the JSON reports carry, apart from the zod schemas that describe them: the tools
// stamp their reports with these, and `import('anecc')` should not load zod for a constant.

/** Version of the inspect JSON shape; bumped when a field changes meaning or goes away. */
export const INSPECT_SCHEMA_VERSION = 2;

/** Version of the diff JSON shape; bumped when a field changes meaning or goes away. */
export const DIFF_SCHEMA_VERSION = 2;
