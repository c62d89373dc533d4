package com.example.stubclients;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs every request of an OkHttp client with AWS Signature Version 4, using the AWS SDK for Java
 * v2's own signer, so that a generated client calls an AWS service (or the stub) as the SDK would.
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder()
 *     .addInterceptor(new AwsSigV4Interceptor(credentials, "profile", "us-east-1"))
 *     .build();
 * }</pre>
 */
public final class AwsSigV4Interceptor implements Interceptor {
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsProvider credentials;
  private final String service;
  private final String region;

  public AwsSigV4Interceptor(AwsCredentialsProvider credentials, String service, String region) {
    this.credentials = credentials;
    this.service = service;
    this.region = region;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    // Sign the host, the content type and the body; the signer adds X-Amz-Date (and
    // X-Amz-Security-Token for temporary credentials) and signs those too.
    SdkHttpRequest.Builder unsigned =
        SdkHttpRequest.builder()
            .uri(request.url().uri())
            .method(SdkHttpMethod.fromValue(request.method()));
    RequestBody body = request.body();
    if (body != null && body.contentType() != null) {
      unsigned.putHeader("Content-Type", body.contentType().toString());
    }
    byte[] payload = bytesOf(body);
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.resolveCredentials())
                    .request(unsigned.build())
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    Request.Builder out = request.newBuilder();
    signed.request().forEachHeader((name, values) -> out.header(name, String.join(",", values)));
    return chain.proceed(out.build());
  }

  private static byte[] bytesOf(RequestBody body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readByteArray();
  }
}
