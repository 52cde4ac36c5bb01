package dev.mqttrr.core;

/**
 * Thrown when a message would exceed the broker's Maximum Packet Size (from its CONNACK). It is
 * refused before sending: the broker would otherwise close the connection.
 */
public class MqttPayloadTooLargeException extends MqttRequestResponseException {

	private final long packetSize;

	private final long maximumPacketSize;

	/**
	 * Create an exception.
	 * @param topic the topic of the message
	 * @param packetSize the size the packet would have
	 * @param maximumPacketSize the broker's limit
	 */
	public MqttPayloadTooLargeException(String topic, long packetSize, long maximumPacketSize) {
		super("The message to '" + topic + "' would be about " + packetSize + " bytes, more than the broker's "
				+ "maximum packet size of " + maximumPacketSize + " bytes. Send a smaller payload, or raise the "
				+ "broker's limit (Mosquitto: max_packet_size, HiveMQ: mqtt/packets/max-packet-size).");
		this.packetSize = packetSize;
		this.maximumPacketSize = maximumPacketSize;
	}

	/**
	 * Return the size the packet would have had.
	 * @return the packet size in bytes
	 */
	public long getPacketSize() {
		return this.packetSize;
	}

	/**
	 * Return the broker's maximum packet size.
	 * @return the limit in bytes
	 */
	public long getMaximumPacketSize() {
		return this.maximumPacketSize;
	}

}
