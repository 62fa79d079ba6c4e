// The reference implementation of the pattern Refresh Lens inspects.
export { installReactiveRefresh, RETRIED, type ReactiveOptions } from './reactive';
export { installProactiveRefresh, type ProactiveOptions } from './proactive';
export { decodeJwtClaims, isJwtExpired, type JwtClaims } from './jwt';
export type { AxiosErrorLike, AxiosLike, RequestConfigLike, TokenOptions, Uninstall } from './types';
