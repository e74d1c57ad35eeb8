package dev.vastbot.vast;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.HttpUrl;

/**
 * One Vast API request.
 *
 * @param endpoint the method and path template ("PUT /asks/{id}/"), for pacing, logs and messages;
 *     never holds a secret
 * @param body the JSON body, or null
 */
record VastRequest(String method, String endpoint, HttpUrl url, JsonNode body) {}
