package com.example.stubclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.customerprofiles.ApiClient;
import com.example.customerprofiles.ApiException;
import com.example.customerprofiles.api.ProfileObjectsApi;
import com.example.customerprofiles.model.AccessDeniedException;
import com.example.customerprofiles.model.BadRequestException;
import com.example.customerprofiles.model.DeleteProfileObjectRequest;
import com.example.customerprofiles.model.DeleteProfileObjectResponse;
import com.example.customerprofiles.model.ResourceNotFoundException;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The generated Customer Profiles client, signed by the AWS SDK's signer, against the stub. */
class CustomerProfilesClientTest {
  private static final AwsCredentialsProvider DEMO =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(Stub.ACCESS_KEY, Stub.SECRET_KEY));

  @BeforeEach
  void freshStub() throws Exception {
    Stub.reset();
  }

  static ProfileObjectsApi profiles(AwsCredentialsProvider credentials) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(new AwsSigV4Interceptor(credentials, "profile", Stub.REGION))
            .build();
    ApiClient client = new ApiClient(http);
    client.setBasePath(Stub.url());
    return new ProfileObjectsApi(client);
  }

  static DeleteProfileObjectRequest request(String profileId) {
    return new DeleteProfileObjectRequest()
        .profileId(profileId)
        .objectTypeName(Stub.OBJECT_TYPE)
        .profileObjectUniqueKey(Stub.OBJECT_KEY);
  }

  static String errorType(ApiException e) {
    List<String> values = e.getResponseHeaders().get("x-amzn-errortype");
    return values == null ? null : values.get(0);
  }

  @Test
  void deletesTheObjectAndSaysSo() throws ApiException {
    DeleteProfileObjectResponse response =
        profiles(DEMO).deleteProfileObject(Stub.DOMAIN, request(Stub.PROFILE_ID));

    assertEquals("OK", response.getMessage());
  }

  @Test
  void aSecondDeleteIsResourceNotFound() throws Exception {
    ProfileObjectsApi api = profiles(DEMO);
    api.deleteProfileObject(Stub.DOMAIN, request(Stub.PROFILE_ID));

    ApiException e =
        assertThrows(
            ApiException.class,
            () -> api.deleteProfileObject(Stub.DOMAIN, request(Stub.PROFILE_ID)));

    assertEquals(404, e.getCode());
    assertEquals("ResourceNotFoundException", errorType(e));
    ResourceNotFoundException body = ResourceNotFoundException.fromJson(e.getResponseBody());
    assertTrue(body.getMessage().contains(Stub.OBJECT_KEY), body.getMessage());
  }

  @Test
  void aProfileIdOffThePatternIsABadRequest() throws Exception {
    // The id of the published sample request, which breaks the published pattern.
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                profiles(DEMO)
                    .deleteProfileObject(Stub.DOMAIN, request("3991a7d959d248bba82546b2dEXAMPLE")));

    assertEquals(400, e.getCode());
    assertEquals("BadRequestException", errorType(e));
    BadRequestException body = BadRequestException.fromJson(e.getResponseBody());
    assertTrue(body.getMessage().contains("ProfileId"), body.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a wrong secret, AKIAIOSFODNN7EXAMPLE, not-the-secret",
    "an unknown key, AKIAUNKNOWNKEY000000, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  })
  void aBadSignatureIsAccessDenied(String why, String accessKey, String secretKey)
      throws Exception {
    AwsCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));

    ApiException e =
        assertThrows(
            ApiException.class,
            () -> profiles(credentials).deleteProfileObject(Stub.DOMAIN, request(Stub.PROFILE_ID)));

    assertEquals(403, e.getCode());
    assertEquals("AccessDeniedException", errorType(e));
    AccessDeniedException body = AccessDeniedException.fromJson(e.getResponseBody());
    assertTrue(!body.getMessage().isEmpty());
  }
}
