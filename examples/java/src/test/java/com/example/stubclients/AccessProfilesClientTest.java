package com.example.stubclients;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.accessprofiles.ApiClient;
import com.example.accessprofiles.ApiException;
import com.example.accessprofiles.api.AccessProfilesApi;
import com.example.accessprofiles.auth.OAuthFlow;
import com.example.accessprofiles.auth.RetryingOAuth;
import com.example.accessprofiles.model.AccessProfile;
import com.example.accessprofiles.model.AccessProfileSourceRef;
import com.example.accessprofiles.model.EntitlementRef;
import com.example.accessprofiles.model.ErrorResponseDto;
import com.example.accessprofiles.model.OwnerReference;
import com.example.accessprofiles.model.UnauthorizedError;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generated Access Profiles client, with tokens from the stub's token endpoint. */
class AccessProfilesClientTest {
  @RegisterExtension static final ContractStubExtension STUB = Stub.STUB;

  @BeforeEach
  void freshStub() throws Exception {
    Stub.reset();
  }

  /**
   * The generated client on an OkHttp client that fetches a token with the client-credentials grant
   * before the first call, and a new one when a call is refused with 401 or 403.
   */
  static AccessProfilesApi accessProfiles(String clientId) {
    RetryingOAuth tokens =
        new RetryingOAuth(
            Stub.url() + "/oauth/token", clientId, OAuthFlow.APPLICATION, Stub.CLIENT_SECRET, null);
    ApiClient client = new ApiClient(new OkHttpClient.Builder().addInterceptor(tokens).build());
    client.setBasePath(Stub.url() + "/v3");
    return new AccessProfilesApi(client);
  }

  static ErrorResponseDto error(ApiException e) throws Exception {
    return ErrorResponseDto.fromJson(e.getResponseBody());
  }

  @Test
  void deletesAnAccessProfileNothingUses() {
    assertDoesNotThrow(
        () -> accessProfiles(Stub.ORG_ADMIN).deleteAccessProfile(Stub.UNUSED_PROFILE));
  }

  /**
   * The lifecycle a test of deleteAccessProfile arranges and asserts through the API itself: create
   * one, read it, delete it, then reading and deleting it are not found.
   */
  @Test
  void createsReadsAndDeletesOneThenReadingOrDeletingItIsNotFound() throws Exception {
    AccessProfilesApi api = accessProfiles(Stub.ORG_ADMIN);
    AccessProfile created =
        api.createAccessProfile(
            new AccessProfile()
                .name("Contractor VPN")
                .owner(
                    new OwnerReference()
                        .type(OwnerReference.TypeEnum.IDENTITY)
                        .id(Stub.SOURCE_ADMIN_IDENTITY))
                .source(
                    new AccessProfileSourceRef()
                        .type(AccessProfileSourceRef.TypeEnum.SOURCE)
                        .id(Stub.ACTIVE_DIRECTORY))
                .entitlements(
                    List.of(
                        new EntitlementRef()
                            .type(EntitlementRef.TypeEnum.ENTITLEMENT)
                            .id(Stub.VPN_USERS)))
                .enabled(true));
    assertEquals("Active Directory", created.getSource().getName());
    String id = created.getId();

    assertEquals("Contractor VPN", api.getAccessProfile(id).getName());
    api.deleteAccessProfile(id);
    ApiException gone = assertThrows(ApiException.class, () -> api.getAccessProfile(id));
    assertEquals("404 Not found", error(gone).getDetailCode());
    ApiException again = assertThrows(ApiException.class, () -> api.deleteAccessProfile(id));
    assertEquals(404, again.getCode());
    assertEquals(List.of(201, 200, 204, 404, 404), Stub.statuses("access-profiles"));
  }

  @Test
  void aSecondDeleteIsNotFound() throws Exception {
    AccessProfilesApi api = accessProfiles(Stub.ORG_ADMIN);
    api.deleteAccessProfile(Stub.UNUSED_PROFILE);

    ApiException e =
        assertThrows(ApiException.class, () -> api.deleteAccessProfile(Stub.UNUSED_PROFILE));

    assertEquals(404, e.getCode());
    assertEquals("404 Not found", error(e).getDetailCode());
    assertEquals(e.getResponseHeaders().get("x-tracking-id").get(0), error(e).getTrackingId());
  }

  @Test
  void anAccessProfileInUseIsRefused() throws Exception {
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> accessProfiles(Stub.ORG_ADMIN).deleteAccessProfile(Stub.IN_USE_PROFILE));

    assertEquals(400, e.getCode());
    assertEquals("400.2.1.0 Object in use by another", error(e).getDetailCode());
    assertTrue(error(e).getMessages().get(0).getText().contains("in use"));
  }

  @Test
  void withoutATokenTheGatewayAnswers401(@ContractStubExtension.Url String stubUrl)
      throws Exception {
    ApiClient anonymous = new ApiClient();
    anonymous.setBasePath(stubUrl + "/v3");

    ApiException e =
        assertThrows(
            ApiException.class,
            () -> new AccessProfilesApi(anonymous).deleteAccessProfile(Stub.UNUSED_PROFILE));

    assertEquals(401, e.getCode());
    UnauthorizedError body = UnauthorizedError.fromJson(e.getResponseBody());
    assertTrue(body.getError().contains("JWT"), body.getError());
  }

  @Test
  void aClientWithoutTheAuthorityIsForbidden() throws Exception {
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> accessProfiles(Stub.HELPDESK).deleteAccessProfile(Stub.UNUSED_PROFILE));

    assertEquals(403, e.getCode());
    assertEquals("403 Forbidden", error(e).getDetailCode());
    // RetryingOAuth takes a 403 for a stale token: it fetches another and tries once more.
    assertEquals(2, Stub.requests("sailpoint-oauth"));
    assertEquals(2, Stub.requests("access-profiles"));
  }
}
