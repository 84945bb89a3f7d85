import type { AccountAuthorizationDto, ComponentConfigDto, ComponentLinkDto } from '../api/types';
import type { StudioState } from './types';

/** Selectors of the third-party platform's state (module level: stable identities). */

export const selectPcPage = (s: StudioState) => s.pcPage;
export const selectPcAddress = (s: StudioState) => s.pcAddress;
export const selectPlatforms = (s: StudioState) => s.platforms;
export const selectAdmins = (s: StudioState) => s.admins;
export const selectAuthorizations = (s: StudioState) => s.authorizations;
export const selectComponents = (s: StudioState) => s.components;
export const selectLinks = (s: StudioState) => s.links;
export const selectAuthDraft = (s: StudioState) => s.authDraft;
export const selectStory = (s: StudioState) => s.story;

export function linkOf(links: StudioState['links'], poolId: string, identifier: string): ComponentLinkDto | undefined {
  return links[poolId]?.find((l) => l.identifier === identifier);
}

export function componentOf(components: StudioState['components'], poolId: string | undefined): ComponentConfigDto | undefined {
  return poolId ? components[poolId] : undefined;
}

export function authorizationOf(list: AccountAuthorizationDto[] | undefined, componentAppId: string | undefined): AccountAuthorizationDto | undefined {
  return componentAppId ? list?.find((a) => a.componentAppId === componentAppId) : undefined;
}
