package com.example.stubclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.customerprofiles.ApiClient;
import com.example.customerprofiles.ApiException;
import com.example.customerprofiles.api.ObjectTypesApi;
import com.example.customerprofiles.api.ProfileObjectsApi;
import com.example.customerprofiles.api.ProfilesApi;
import com.example.customerprofiles.model.AccessDeniedException;
import com.example.customerprofiles.model.BadRequestException;
import com.example.customerprofiles.model.CreateProfileRequest;
import com.example.customerprofiles.model.DeleteProfileObjectRequest;
import com.example.customerprofiles.model.DeleteProfileObjectResponse;
import com.example.customerprofiles.model.DeleteProfileRequest;
import com.example.customerprofiles.model.ListProfileObjectsItem;
import com.example.customerprofiles.model.ListProfileObjectsRequest;
import com.example.customerprofiles.model.ObjectTypeField;
import com.example.customerprofiles.model.ObjectTypeKey;
import com.example.customerprofiles.model.PutProfileObjectRequest;
import com.example.customerprofiles.model.PutProfileObjectTypeRequest;
import com.example.customerprofiles.model.ResourceNotFoundException;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The generated Customer Profiles client, signed by the AWS SDK's signer, against the stub. */
class CustomerProfilesClientTest {
  @RegisterExtension static final ContractStubExtension STUB = Stub.STUB;

  private static final AwsCredentialsProvider DEMO =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(Stub.ACCESS_KEY, Stub.SECRET_KEY));

  @BeforeEach
  void freshStub() throws Exception {
    Stub.reset();
  }

  /** The generated client's transport, every request signed by the AWS SDK's signer. */
  static ApiClient signed(AwsCredentialsProvider credentials) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(new AwsSigV4Interceptor(credentials, "profile", Stub.REGION))
            .build();
    ApiClient client = new ApiClient(http);
    client.setBasePath(Stub.url());
    return client;
  }

  static ProfileObjectsApi profiles(AwsCredentialsProvider credentials) {
    return new ProfileObjectsApi(signed(credentials));
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

  /**
   * The lifecycle a test of DeleteProfileObject arranges and asserts through the API itself: a type
   * and a profile defined, an object put, listed and deleted, then it is gone.
   */
  @Test
  void definesATypeAndAProfilePutsListsAndDeletesAnObjectThenItIsGone() throws Exception {
    ApiClient client = signed(DEMO);
    ObjectTypesApi types = new ObjectTypesApi(client);
    ProfileObjectsApi objects = new ProfileObjectsApi(client);
    String type = "Subscription";
    types.putProfileObjectType(
        Stub.DOMAIN,
        type,
        new PutProfileObjectTypeRequest()
            .description("Subscriptions of a customer")
            // The generated model starts Tags as an empty map and sends it; the model's TagMap
            // needs at least one tag, so the stub refuses {} as the service does. No tags: null.
            .tags(null)
            .putFieldsItem(
                "subscriptionId",
                new ObjectTypeField()
                    .source("_source.subscriptionId")
                    .contentType(ObjectTypeField.ContentTypeEnum.STRING))
            .putFieldsItem(
                "email",
                new ObjectTypeField()
                    .source("_source.email")
                    .target("_profile.EmailAddress")
                    .contentType(ObjectTypeField.ContentTypeEnum.EMAIL_ADDRESS))
            .putKeysItem(
                "subscriptionId",
                List.of(
                    new ObjectTypeKey()
                        .addStandardIdentifiersItem(ObjectTypeKey.StandardIdentifiersEnum.UNIQUE)
                        .fieldNames(List.of("subscriptionId"))))
            .putKeysItem(
                "email",
                List.of(
                    new ObjectTypeKey()
                        .addStandardIdentifiersItem(ObjectTypeKey.StandardIdentifiersEnum.PROFILE)
                        .fieldNames(List.of("email")))));
    String profileId =
        new ProfilesApi(client)
            .createProfile(
                Stub.DOMAIN,
                new CreateProfileRequest().firstName("Ana").emailAddress("ana.silva@example.com"))
            .getProfileId();
    String key =
        objects
            .putProfileObject(
                Stub.DOMAIN,
                new PutProfileObjectRequest()
                    .objectTypeName(type)
                    ._object("{\"subscriptionId\":\"sub-1\",\"email\":\"ana.silva@example.com\"}"))
            .getProfileObjectUniqueKey();
    ListProfileObjectsRequest list =
        new ListProfileObjectsRequest().objectTypeName(type).profileId(profileId);

    assertEquals(List.of(key), listed(objects, list));
    DeleteProfileObjectRequest theObject =
        new DeleteProfileObjectRequest()
            .profileId(profileId)
            .objectTypeName(type)
            .profileObjectUniqueKey(key);
    assertEquals("OK", objects.deleteProfileObject(Stub.DOMAIN, theObject).getMessage());
    assertEquals(List.of(), listed(objects, list));
    ApiException again =
        assertThrows(ApiException.class, () -> objects.deleteProfileObject(Stub.DOMAIN, theObject));
    assertEquals(404, again.getCode());
    assertEquals("ResourceNotFoundException", errorType(again));
    assertEquals(List.of(200, 200, 200, 200, 200, 200, 404), Stub.statuses("customer-profiles"));
    new ProfilesApi(client)
        .deleteProfile(Stub.DOMAIN, new DeleteProfileRequest().profileId(profileId));
    types.deleteProfileObjectType(Stub.DOMAIN, type);
  }

  private static List<String> listed(ProfileObjectsApi objects, ListProfileObjectsRequest list)
      throws ApiException {
    List<ListProfileObjectsItem> items =
        objects.listProfileObjects(Stub.DOMAIN, list, null, null).getItems();
    return items == null
        ? List.of()
        : items.stream().map(ListProfileObjectsItem::getProfileObjectUniqueKey).toList();
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
