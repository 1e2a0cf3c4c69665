// Generated from proto/net.proto by `npm run generate` (protobufjs-cli). Do not edit.
import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace sightline. */
export namespace sightline {

    /** Namespace net. */
    namespace net {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of an Envelope.
             * @deprecated Use sightline.net.v1.Envelope.$Properties instead.
             */
            interface IEnvelope extends sightline.net.v1.Envelope.$Properties {
            }

            /** Represents an Envelope. */
            class Envelope {

                /**
                 * Constructs a new Envelope.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.net.v1.Envelope.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Envelope version. */
                version: number;

                /** Envelope issuer. */
                issuer: string;

                /** Envelope epoch. */
                epoch: (number|Long);

                /** Envelope sequence. */
                sequence: (number|Long);

                /** Envelope timestampMs. */
                timestampMs: (number|Long);

                /** Envelope kind. */
                kind: string;

                /** Envelope payload. */
                payload: Uint8Array;

                /** Envelope signature. */
                signature: Uint8Array;

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Envelope instance
                 */
                static create(properties: sightline.net.v1.Envelope.$Shape): sightline.net.v1.Envelope & sightline.net.v1.Envelope.$Shape;
                static create(properties?: sightline.net.v1.Envelope.$Properties): sightline.net.v1.Envelope;

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link sightline.net.v1.Envelope.verify|verify} messages.
                 * @param message Envelope message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.net.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.net.v1.Envelope & sightline.net.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.net.v1.Envelope & sightline.net.v1.Envelope.$Shape;
            }

            namespace Envelope {

                /** Properties of an Envelope. */
                interface $Properties {

                    /** Envelope version */
                    version?: (number|null);

                    /** Envelope issuer */
                    issuer?: (string|null);

                    /** Envelope epoch */
                    epoch?: (number|Long|null);

                    /** Envelope sequence */
                    sequence?: (number|Long|null);

                    /** Envelope timestampMs */
                    timestampMs?: (number|Long|null);

                    /** Envelope kind */
                    kind?: (string|null);

                    /** Envelope payload */
                    payload?: (Uint8Array|null);

                    /** Envelope signature */
                    signature?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Envelope. */
                type $Shape = sightline.net.v1.Envelope.$Properties;
            }

            /**
             * Properties of a SignedPart.
             * @deprecated Use sightline.net.v1.SignedPart.$Properties instead.
             */
            interface ISignedPart extends sightline.net.v1.SignedPart.$Properties {
            }

            /** Represents a SignedPart. */
            class SignedPart {

                /**
                 * Constructs a new SignedPart.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.net.v1.SignedPart.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SignedPart domain. */
                domain: string;

                /** SignedPart topic. */
                topic: string;

                /** SignedPart envelope. */
                envelope?: (sightline.net.v1.Envelope.$Properties|null);

                /**
                 * Creates a new SignedPart instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SignedPart instance
                 */
                static create(properties: sightline.net.v1.SignedPart.$Shape): sightline.net.v1.SignedPart & sightline.net.v1.SignedPart.$Shape;
                static create(properties?: sightline.net.v1.SignedPart.$Properties): sightline.net.v1.SignedPart;

                /**
                 * Encodes the specified SignedPart message. Does not implicitly {@link sightline.net.v1.SignedPart.verify|verify} messages.
                 * @param message SignedPart message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.net.v1.SignedPart.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SignedPart message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.net.v1.SignedPart & sightline.net.v1.SignedPart.$Shape} SignedPart
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.net.v1.SignedPart & sightline.net.v1.SignedPart.$Shape;
            }

            namespace SignedPart {

                /** Properties of a SignedPart. */
                interface $Properties {

                    /** SignedPart domain */
                    domain?: (string|null);

                    /** SignedPart topic */
                    topic?: (string|null);

                    /** SignedPart envelope */
                    envelope?: (sightline.net.v1.Envelope.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SignedPart. */
                type $Shape = sightline.net.v1.SignedPart.$Properties;
            }

            /**
             * Properties of a SyncMessage.
             * @deprecated Use sightline.net.v1.SyncMessage.$Properties instead.
             */
            interface ISyncMessage extends sightline.net.v1.SyncMessage.$Properties {
            }

            /** Represents a SyncMessage. */
            class SyncMessage {

                /**
                 * Constructs a new SyncMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.net.v1.SyncMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SyncMessage version. */
                version: number;

                /** SyncMessage envelopes. */
                envelopes: Uint8Array[];

                /** SyncMessage feed. */
                feed: Uint8Array[];

                /** SyncMessage roster. */
                roster: Uint8Array;

                /** SyncMessage status. */
                status: sightline.net.v1.Status;

                /** SyncMessage peerRecords. */
                peerRecords: Uint8Array[];

                /**
                 * Creates a new SyncMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SyncMessage instance
                 */
                static create(properties: sightline.net.v1.SyncMessage.$Shape): sightline.net.v1.SyncMessage & sightline.net.v1.SyncMessage.$Shape;
                static create(properties?: sightline.net.v1.SyncMessage.$Properties): sightline.net.v1.SyncMessage;

                /**
                 * Encodes the specified SyncMessage message. Does not implicitly {@link sightline.net.v1.SyncMessage.verify|verify} messages.
                 * @param message SyncMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.net.v1.SyncMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SyncMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.net.v1.SyncMessage & sightline.net.v1.SyncMessage.$Shape} SyncMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.net.v1.SyncMessage & sightline.net.v1.SyncMessage.$Shape;
            }

            namespace SyncMessage {

                /** Properties of a SyncMessage. */
                interface $Properties {

                    /** SyncMessage version */
                    version?: (number|null);

                    /** SyncMessage envelopes */
                    envelopes?: (Uint8Array[]|null);

                    /** SyncMessage feed */
                    feed?: (Uint8Array[]|null);

                    /** SyncMessage roster */
                    roster?: (Uint8Array|null);

                    /** SyncMessage status */
                    status?: (sightline.net.v1.Status|null);

                    /** SyncMessage peerRecords */
                    peerRecords?: (Uint8Array[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SyncMessage. */
                type $Shape = sightline.net.v1.SyncMessage.$Properties;
            }

            /**
             * Properties of a PeerRecords.
             * @deprecated Use sightline.net.v1.PeerRecords.$Properties instead.
             */
            interface IPeerRecords extends sightline.net.v1.PeerRecords.$Properties {
            }

            /** Represents a PeerRecords. */
            class PeerRecords {

                /**
                 * Constructs a new PeerRecords.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.net.v1.PeerRecords.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PeerRecords version. */
                version: number;

                /** PeerRecords records. */
                records: Uint8Array[];

                /**
                 * Creates a new PeerRecords instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PeerRecords instance
                 */
                static create(properties: sightline.net.v1.PeerRecords.$Shape): sightline.net.v1.PeerRecords & sightline.net.v1.PeerRecords.$Shape;
                static create(properties?: sightline.net.v1.PeerRecords.$Properties): sightline.net.v1.PeerRecords;

                /**
                 * Encodes the specified PeerRecords message. Does not implicitly {@link sightline.net.v1.PeerRecords.verify|verify} messages.
                 * @param message PeerRecords message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.net.v1.PeerRecords.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PeerRecords message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.net.v1.PeerRecords & sightline.net.v1.PeerRecords.$Shape} PeerRecords
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.net.v1.PeerRecords & sightline.net.v1.PeerRecords.$Shape;
            }

            namespace PeerRecords {

                /** Properties of a PeerRecords. */
                interface $Properties {

                    /** PeerRecords version */
                    version?: (number|null);

                    /** PeerRecords records */
                    records?: (Uint8Array[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PeerRecords. */
                type $Shape = sightline.net.v1.PeerRecords.$Properties;
            }

            /**
             * Properties of a FeedEntry.
             * @deprecated Use sightline.net.v1.FeedEntry.$Properties instead.
             */
            interface IFeedEntry extends sightline.net.v1.FeedEntry.$Properties {
            }

            /** Represents a FeedEntry. */
            class FeedEntry {

                /**
                 * Constructs a new FeedEntry.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.net.v1.FeedEntry.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** FeedEntry type. */
                type: string;

                /** FeedEntry value. */
                value: string;

                /** FeedEntry tlp. */
                tlp: string;

                /** FeedEntry confidence. */
                confidence?: (number|null);

                /** FeedEntry tags. */
                tags: string[];

                /** FeedEntry firstSeen. */
                firstSeen: number;

                /** FeedEntry lastSeen. */
                lastSeen: number;

                /**
                 * Creates a new FeedEntry instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns FeedEntry instance
                 */
                static create(properties: sightline.net.v1.FeedEntry.$Shape): sightline.net.v1.FeedEntry & sightline.net.v1.FeedEntry.$Shape;
                static create(properties?: sightline.net.v1.FeedEntry.$Properties): sightline.net.v1.FeedEntry;

                /**
                 * Encodes the specified FeedEntry message. Does not implicitly {@link sightline.net.v1.FeedEntry.verify|verify} messages.
                 * @param message FeedEntry message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.net.v1.FeedEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a FeedEntry message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.net.v1.FeedEntry & sightline.net.v1.FeedEntry.$Shape} FeedEntry
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.net.v1.FeedEntry & sightline.net.v1.FeedEntry.$Shape;
            }

            namespace FeedEntry {

                /** Properties of a FeedEntry. */
                interface $Properties {

                    /** FeedEntry type */
                    type?: (string|null);

                    /** FeedEntry value */
                    value?: (string|null);

                    /** FeedEntry tlp */
                    tlp?: (string|null);

                    /** FeedEntry confidence */
                    confidence?: (number|null);

                    /** FeedEntry tags */
                    tags?: (string[]|null);

                    /** FeedEntry firstSeen */
                    firstSeen?: (number|null);

                    /** FeedEntry lastSeen */
                    lastSeen?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a FeedEntry. */
                type $Shape = sightline.net.v1.FeedEntry.$Properties;
            }

            /**
             * Properties of a FeedBatch.
             * @deprecated Use sightline.net.v1.FeedBatch.$Properties instead.
             */
            interface IFeedBatch extends sightline.net.v1.FeedBatch.$Properties {
            }

            /** Represents a FeedBatch. */
            class FeedBatch {

                /**
                 * Constructs a new FeedBatch.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.net.v1.FeedBatch.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** FeedBatch version. */
                version: number;

                /** FeedBatch entries. */
                entries: sightline.net.v1.FeedEntry.$Properties[];

                /**
                 * Creates a new FeedBatch instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns FeedBatch instance
                 */
                static create(properties: sightline.net.v1.FeedBatch.$Shape): sightline.net.v1.FeedBatch & sightline.net.v1.FeedBatch.$Shape;
                static create(properties?: sightline.net.v1.FeedBatch.$Properties): sightline.net.v1.FeedBatch;

                /**
                 * Encodes the specified FeedBatch message. Does not implicitly {@link sightline.net.v1.FeedBatch.verify|verify} messages.
                 * @param message FeedBatch message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.net.v1.FeedBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a FeedBatch message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.net.v1.FeedBatch & sightline.net.v1.FeedBatch.$Shape} FeedBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.net.v1.FeedBatch & sightline.net.v1.FeedBatch.$Shape;
            }

            namespace FeedBatch {

                /** Properties of a FeedBatch. */
                interface $Properties {

                    /** FeedBatch version */
                    version?: (number|null);

                    /** FeedBatch entries */
                    entries?: (sightline.net.v1.FeedEntry.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a FeedBatch. */
                type $Shape = sightline.net.v1.FeedBatch.$Properties;
            }

            /** Status enum. */
            enum Status {

                /** STATUS_OK value */
                STATUS_OK = 0,

                /** STATUS_NOT_FOUND value */
                STATUS_NOT_FOUND = 1,

                /** STATUS_BAD_REQUEST value */
                STATUS_BAD_REQUEST = 2
            }
        }
    }
}
