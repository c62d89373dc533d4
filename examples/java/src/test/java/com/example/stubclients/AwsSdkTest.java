package com.example.stubclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClientBuilder;
import software.amazon.awssdk.services.customerprofiles.model.AccessDeniedException;
import software.amazon.awssdk.services.customerprofiles.model.BadRequestException;
import software.amazon.awssdk.services.customerprofiles.model.DeleteProfileObjectRequest;
import software.amazon.awssdk.services.customerprofiles.model.DeleteProfileObjectResponse;
import software.amazon.awssdk.services.customerprofiles.model.FieldContentType;
import software.amazon.awssdk.services.customerprofiles.model.InternalServerException;
import software.amazon.awssdk.services.customerprofiles.model.ListProfileObjectsItem;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeKey;
import software.amazon.awssdk.services.customerprofiles.model.ResourceNotFoundException;
import software.amazon.awssdk.services.customerprofiles.model.StandardIdentifier;
import software.amazon.awssdk.services.customerprofiles.model.ThrottlingException;

/** The AWS SDK for Java v2, configured as its users configure it, against the stub. */
class AwsSdkTest {
  @RegisterExtension static final ContractStubExtension STUB = Stub.STUB;

  private static final AwsCredentialsProvider DEMO =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(Stub.ACCESS_KEY, Stub.SECRET_KEY));

  @BeforeEach
  void freshStub() throws Exception {
    Stub.reset();
  }

  /** The SDK's client, with a Prefer header on every request when prefer is not null. */
  static CustomerProfilesClient client(AwsCredentialsProvider credentials, String prefer) {
    CustomerProfilesClientBuilder builder =
        CustomerProfilesClient.builder()
            .endpointOverride(URI.create(Stub.url()))
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials);
    if (prefer != null) {
      builder.overrideConfiguration(c -> c.putHeader("Prefer", prefer));
    }
    return builder.build();
  }

  static DeleteProfileObjectResponse delete(CustomerProfilesClient client, String profileId) {
    return client.deleteProfileObject(
        r ->
            r.domainName(Stub.DOMAIN)
                .profileId(profileId)
                .objectTypeName(Stub.OBJECT_TYPE)
                .profileObjectUniqueKey(Stub.OBJECT_KEY));
  }

  @Test
  void deletesAndReturnsTheMessage() {
    try (CustomerProfilesClient client = client(DEMO, null)) {
      assertEquals("OK", delete(client, Stub.PROFILE_ID).message());
    }
  }

  @Test
  void aSecondDeleteThrowsResourceNotFound() {
    try (CustomerProfilesClient client = client(DEMO, null)) {
      delete(client, Stub.PROFILE_ID);

      ResourceNotFoundException e =
          assertThrows(ResourceNotFoundException.class, () -> delete(client, Stub.PROFILE_ID));

      assertEquals(404, e.statusCode());
      assertTrue(e.awsErrorDetails().errorMessage().contains(Stub.OBJECT_KEY));
    }
  }

  @Test
  void aProfileIdOffThePatternIsSentAndThrowsBadRequest() throws Exception {
    try (CustomerProfilesClient client = client(DEMO, null)) {
      assertThrows(
          BadRequestException.class, () -> delete(client, "3991a7d959d248bba82546b2dEXAMPLE"));
    }
    assertEquals(List.of(400), Stub.statuses("customer-profiles"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a wrong secret, AKIAIOSFODNN7EXAMPLE, not-the-secret",
    "an unknown key, AKIAUNKNOWNKEY000000, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  })
  void aBadSignatureThrowsAccessDeniedAtOnce(String why, String accessKey, String secretKey)
      throws Exception {
    AwsCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    try (CustomerProfilesClient client = client(credentials, null)) {
      assertThrows(AccessDeniedException.class, () -> delete(client, Stub.PROFILE_ID));
    }
    assertEquals(List.of(403), Stub.statuses("customer-profiles"));
  }

  @Test
  void aClockTwentyMinutesOffIsCorrectedForTheWholeJvm() throws Exception {
    // The stub's clock 20 minutes ahead: the SDK reads the skew from the refusal's Date header
    // and signs again with its clock corrected.
    try (CustomerProfilesClient client = client(DEMO, "clock-offset=1200")) {
      assertEquals("OK", delete(client, Stub.PROFILE_ID).message());
    }
    assertEquals(List.of(403, 200), Stub.statuses("customer-profiles"));

    // The correction is the JVM's, not the client's: a new client, talking to a service whose
    // clock is right again, is refused once and corrects back.
    Stub.reset();
    try (CustomerProfilesClient client = client(DEMO, null)) {
      assertEquals("OK", delete(client, Stub.PROFILE_ID).message());
    }
    assertEquals(List.of(403, 200), Stub.statuses("customer-profiles"));
  }

  @Test
  void throttlingIsRetriedThreeTimesThenThrown() throws Exception {
    try (CustomerProfilesClient client = client(DEMO, "code=429")) {
      ThrottlingException e =
          assertThrows(ThrottlingException.class, () -> delete(client, Stub.PROFILE_ID));
      assertTrue(e.isThrottlingException());
      assertEquals(4, e.numAttempts());
    }
    assertEquals(List.of(429, 429, 429, 429), Stub.statuses("customer-profiles"));
    // Never sooner than Retry-After (the stub sends 1 s); later once the SDK's own backoff grows.
    for (Duration wait : Stub.gaps("customer-profiles")) {
      assertTrue(wait.toMillis() >= 900, "waited only " + wait);
    }
  }

  @Test
  void anInternalErrorIsRetriedThreeTimesThenThrown() throws Exception {
    try (CustomerProfilesClient client = client(DEMO, "code=500")) {
      InternalServerException e =
          assertThrows(InternalServerException.class, () -> delete(client, Stub.PROFILE_ID));
      assertEquals(500, e.statusCode());
      assertEquals(4, e.numAttempts());
    }
    assertEquals(List.of(500, 500, 500, 500), Stub.statuses("customer-profiles"));
  }

  /**
   * What a test of DeleteProfileObject arranges and asserts through the API itself: a type and a
   * profile, an object put, listed, deleted, then listed again and deleted again.
   */
  @Test
  void definesATypeAndAProfilePutsListsAndDeletesAnObjectThenItIsGone() throws Exception {
    try (CustomerProfilesClient client = client(DEMO, null)) {
      client.putProfileObjectType(
          r ->
              r.domainName(Stub.DOMAIN)
                  .objectTypeName("Subscription")
                  .description("Subscriptions of a customer")
                  .fields(
                      Map.of(
                          "subscriptionId",
                          ObjectTypeField.builder()
                              .source("_source.subscriptionId")
                              .contentType(FieldContentType.STRING)
                              .build(),
                          "email",
                          ObjectTypeField.builder()
                              .source("_source.email")
                              .target("_profile.EmailAddress")
                              .contentType(FieldContentType.EMAIL_ADDRESS)
                              .build()))
                  .keys(
                      Map.of(
                          "subscriptionId",
                          List.of(
                              ObjectTypeKey.builder()
                                  .standardIdentifiers(StandardIdentifier.UNIQUE)
                                  .fieldNames("subscriptionId")
                                  .build()),
                          "email",
                          List.of(
                              ObjectTypeKey.builder()
                                  .standardIdentifiers(StandardIdentifier.PROFILE)
                                  .fieldNames("email")
                                  .build()))));
      String profileId =
          client
              .createProfile(
                  r ->
                      r.domainName(Stub.DOMAIN)
                          .firstName("Ana")
                          .emailAddress("ana.silva@example.com"))
              .profileId();
      String key =
          client
              .putProfileObject(
                  r ->
                      r.domainName(Stub.DOMAIN)
                          .objectTypeName("Subscription")
                          .object(
                              "{\"subscriptionId\":\"sub-1\",\"email\":\"ana.silva@example.com\"}"))
              .profileObjectUniqueKey();
      Supplier<List<String>> listed =
          () ->
              client
                  .listProfileObjects(
                      r ->
                          r.domainName(Stub.DOMAIN)
                              .objectTypeName("Subscription")
                              .profileId(profileId))
                  .items()
                  .stream()
                  .map(ListProfileObjectsItem::profileObjectUniqueKey)
                  .toList();
      assertEquals(List.of(key), listed.get());
      Consumer<DeleteProfileObjectRequest.Builder> object =
          r ->
              r.domainName(Stub.DOMAIN)
                  .objectTypeName("Subscription")
                  .profileId(profileId)
                  .profileObjectUniqueKey(key);
      assertEquals("OK", client.deleteProfileObject(object).message());
      assertEquals(List.of(), listed.get());
      assertThrows(ResourceNotFoundException.class, () -> client.deleteProfileObject(object));
    }
    assertEquals(List.of(200, 200, 200, 200, 200, 200, 404), Stub.statuses("customer-profiles"));
  }
}
