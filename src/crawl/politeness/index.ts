export { createHostLimiter, type HostLimiter, type HostLimiterOptions } from './host-limiter';
export { createRobotsPolicy, type RobotsPolicy, type RobotsPolicyOptions } from './robots';
