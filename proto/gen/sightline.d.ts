// Generated from proto/sightline.proto by `npm run generate` (protobufjs-cli). Do not edit.
import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace sightline. */
export namespace sightline {

    /** Namespace store. */
    namespace store {

        /** Namespace v1. */
        namespace v1 {

            /** Tlp enum. */
            enum Tlp {

                /** TLP_CLEAR value */
                TLP_CLEAR = 0,

                /** TLP_GREEN value */
                TLP_GREEN = 1,

                /** TLP_AMBER value */
                TLP_AMBER = 2,

                /** TLP_AMBER_STRICT value */
                TLP_AMBER_STRICT = 3,

                /** TLP_RED value */
                TLP_RED = 4
            }

            /**
             * Properties of an Indicator.
             * @deprecated Use sightline.store.v1.Indicator.$Properties instead.
             */
            interface IIndicator extends sightline.store.v1.Indicator.$Properties {
            }

            /** Represents an Indicator. */
            class Indicator {

                /**
                 * Constructs a new Indicator.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.store.v1.Indicator.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Indicator type. */
                type: string;

                /** Indicator value. */
                value: string;

                /** Indicator tlp. */
                tlp: sightline.store.v1.Tlp;

                /** Indicator confidence. */
                confidence?: (number|null);

                /** Indicator tags. */
                tags: string[];

                /** Indicator source. */
                source: string;

                /** Indicator firstSeen. */
                firstSeen: number;

                /** Indicator lastSeen. */
                lastSeen: number;

                /** Indicator count. */
                count: (number|Long);

                /** Indicator validUntil. */
                validUntil?: (number|null);

                /** Indicator warninglist. */
                warninglist?: (string|null);

                /** Indicator ids. */
                ids?: (boolean|null);

                /** Indicator revoked. */
                revoked?: (boolean|null);

                /** Indicator context. */
                context: string[];

                /** Indicator sources. */
                sources: string[];

                /**
                 * Creates a new Indicator instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Indicator instance
                 */
                static create(properties: sightline.store.v1.Indicator.$Shape): sightline.store.v1.Indicator & sightline.store.v1.Indicator.$Shape;
                static create(properties?: sightline.store.v1.Indicator.$Properties): sightline.store.v1.Indicator;

                /**
                 * Encodes the specified Indicator message. Does not implicitly {@link sightline.store.v1.Indicator.verify|verify} messages.
                 * @param message Indicator message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.store.v1.Indicator.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Indicator message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.store.v1.Indicator & sightline.store.v1.Indicator.$Shape} Indicator
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.store.v1.Indicator & sightline.store.v1.Indicator.$Shape;
            }

            namespace Indicator {

                /** Properties of an Indicator. */
                interface $Properties {

                    /** Indicator type */
                    type?: (string|null);

                    /** Indicator value */
                    value?: (string|null);

                    /** Indicator tlp */
                    tlp?: (sightline.store.v1.Tlp|null);

                    /** Indicator confidence */
                    confidence?: (number|null);

                    /** Indicator tags */
                    tags?: (string[]|null);

                    /** Indicator source */
                    source?: (string|null);

                    /** Indicator firstSeen */
                    firstSeen?: (number|null);

                    /** Indicator lastSeen */
                    lastSeen?: (number|null);

                    /** Indicator count */
                    count?: (number|Long|null);

                    /** Indicator validUntil */
                    validUntil?: (number|null);

                    /** Indicator warninglist */
                    warninglist?: (string|null);

                    /** Indicator ids */
                    ids?: (boolean|null);

                    /** Indicator revoked */
                    revoked?: (boolean|null);

                    /** Indicator context */
                    context?: (string[]|null);

                    /** Indicator sources */
                    sources?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Indicator. */
                type $Shape = sightline.store.v1.Indicator.$Properties;
            }

            /**
             * Properties of a Sighting.
             * @deprecated Use sightline.store.v1.Sighting.$Properties instead.
             */
            interface ISighting extends sightline.store.v1.Sighting.$Properties {
            }

            /** Represents a Sighting. */
            class Sighting {

                /**
                 * Constructs a new Sighting.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.store.v1.Sighting.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Sighting type. */
                type: string;

                /** Sighting value. */
                value: string;

                /** Sighting tlp. */
                tlp: sightline.store.v1.Tlp;

                /** Sighting time. */
                time: number;

                /** Sighting count. */
                count: (number|Long);

                /** Sighting source. */
                source: string;

                /** Sighting where. */
                where: string;

                /**
                 * Creates a new Sighting instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Sighting instance
                 */
                static create(properties: sightline.store.v1.Sighting.$Shape): sightline.store.v1.Sighting & sightline.store.v1.Sighting.$Shape;
                static create(properties?: sightline.store.v1.Sighting.$Properties): sightline.store.v1.Sighting;

                /**
                 * Encodes the specified Sighting message. Does not implicitly {@link sightline.store.v1.Sighting.verify|verify} messages.
                 * @param message Sighting message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.store.v1.Sighting.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Sighting message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.store.v1.Sighting & sightline.store.v1.Sighting.$Shape} Sighting
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.store.v1.Sighting & sightline.store.v1.Sighting.$Shape;
            }

            namespace Sighting {

                /** Properties of a Sighting. */
                interface $Properties {

                    /** Sighting type */
                    type?: (string|null);

                    /** Sighting value */
                    value?: (string|null);

                    /** Sighting tlp */
                    tlp?: (sightline.store.v1.Tlp|null);

                    /** Sighting time */
                    time?: (number|null);

                    /** Sighting count */
                    count?: (number|Long|null);

                    /** Sighting source */
                    source?: (string|null);

                    /** Sighting where */
                    where?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Sighting. */
                type $Shape = sightline.store.v1.Sighting.$Properties;
            }
        }
    }
}
