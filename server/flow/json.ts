// JSON value types shared by the Flow model (structurally identical to server/core's).
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
