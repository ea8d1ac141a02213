export { freshSuffix, privateQueues, stackEnv, stackS3Settings, stackStore } from '../../scripts/lib/stack-env';
