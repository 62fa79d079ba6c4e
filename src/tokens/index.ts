export { TokenIdentity } from './identity';
export { decodeJwtClaims, type Claims } from './jwt-claims';
export { bearerFrom, isSensitiveHeader, isTokenLikeKey, looksLikeJwt } from './token-like';
