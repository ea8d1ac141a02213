/** One file of an imported data set version (e.g. `train-images-idx3-ubyte.gz`), as stored. */
export interface DatasetFile {
  name: string;
  bytes: Uint8Array;
}

/** Contents of `datasets/{name}/latest.json`: which imported version of a data set workers load. */
export interface DatasetPointer {
  name: string;
  /** The version's checksum (the one trial identities use); also its directory name. */
  checksum: string;
  files: string[];
  importedAt: string;
}
