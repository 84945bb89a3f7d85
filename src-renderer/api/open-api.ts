import type { Http } from './http';
import type {
  AccountAuthorizationDto,
  AuthorizeConnectionInput,
  AuthorizeStartResult,
  ComponentConfigDto,
  ComponentConfigInput,
  ComponentLinkDto,
  CreatePlatformInput,
  OpenPlatformDto,
  PhoneAuthorizeResult,
} from './types';

const enc = encodeURIComponent;

export interface AccountAdmins {
  appId: string;
  admins: Array<{ personaId: string; name: string }>;
}

/**
 * The control-API routes of WeChat's third-party platform: the mock Open Platform (platforms, administrators,
 * Authorization management, the admin's phone) and the login server's side (its platform configuration,
 * identity sources connected by authorization). Part of the studio's one API client.
 */
export function createOpenApi(http: Http) {
  return {
    listPlatforms: () => http.request<{ platforms: OpenPlatformDto[] }>('GET', '/api/wechat/platforms'),
    createPlatform: (body: CreatePlatformInput) =>
      http.request<OpenPlatformDto & { componentAppSecret: string }>('POST', '/api/wechat/platforms', body),
    deletePlatform: (componentAppId: string) => http.request<unknown>('DELETE', `/api/wechat/platforms/${enc(componentAppId)}`),
    pushTicket: (componentAppId: string) =>
      http.request<{ ok: boolean; journalId: string }>('POST', `/api/wechat/platforms/${enc(componentAppId)}/ticket`),
    getAdmins: (appId: string) => http.request<AccountAdmins>('GET', `/api/wechat/accounts/${enc(appId)}/admins`),
    putAdmins: (appId: string, personaIds: string[]) =>
      http.request<AccountAdmins>('PUT', `/api/wechat/accounts/${enc(appId)}/admins`, { personaIds }),
    listAuthorizations: (appId: string) =>
      http.request<{ authorizations: AccountAuthorizationDto[] }>('GET', `/api/wechat/accounts/${enc(appId)}/authorizations`),
    cancelAuthorization: (appId: string, componentAppId: string) =>
      http.request<{ ok: true; pushed: boolean; journalId: string }>(
        'DELETE',
        `/api/wechat/accounts/${enc(appId)}/authorizations/${enc(componentAppId)}`,
      ),
    phoneAuthorize: (personaId: string, body: { appId: string; funcIds?: number[] }) =>
      http.request<PhoneAuthorizeResult>('POST', `/api/phone/${enc(personaId)}/authorize`, body),

    getComponent: (poolId: string) => http.request<ComponentConfigDto>('GET', `/api/login/pools/${enc(poolId)}/component`),
    putComponent: (poolId: string, body: ComponentConfigInput) =>
      http.request<ComponentConfigDto & { ticketRequest: string }>('PUT', `/api/login/pools/${enc(poolId)}/component`, body),
    registerComponent: (poolId: string, name?: string) =>
      http.request<ComponentConfigDto & { ticketRequest: string }>(
        'POST',
        `/api/login/pools/${enc(poolId)}/component/register`,
        name ? { name } : {},
      ),
    startAuthorization: (poolId: string, body: AuthorizeConnectionInput) =>
      http.request<AuthorizeStartResult>('POST', `/api/login/pools/${enc(poolId)}/connections/authorize`, body),
    listLinks: (poolId: string) => http.request<{ links: ComponentLinkDto[] }>('GET', `/api/login/pools/${enc(poolId)}/authorizations`),
  };
}

export type OpenApi = ReturnType<typeof createOpenApi>;
