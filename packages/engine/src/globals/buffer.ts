/** Node's Buffer from the npm `buffer` package: the object Node-compatible code gets for `import { Buffer } from "buffer"`. */
export { Buffer } from "buffer";
