/** Object stores: where a Distributed Map reads items and writes results, and what the S3 integrations use. */
export { ObjectStoreError, type ObjectStore, type ObjectStoreErrorCode, type GetObjectRequest, type GetObjectOutput, type ListObjectsV2Request, type ListObjectsV2Output, type ObjectSummary, type PutObjectRequest, type PutObjectOutput } from './types.js';
export { MemoryObjectStore } from './memory.js';
export { DirectoryObjectStore } from './directory.js';
export { S3ObjectStore, type S3ClientLike } from './s3.js';
