// Generated from proto/psi.proto by `npm run generate` (protobufjs-cli). Do not edit.
import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace sightline. */
export namespace sightline {

    /** Namespace psi. */
    namespace psi {

        /** Namespace v2. */
        namespace v2 {

            /** Mode enum. */
            enum Mode {

                /** MODE_ITEMS value */
                MODE_ITEMS = 0,

                /** MODE_COUNT value */
                MODE_COUNT = 1,

                /** MODE_SIGHTED_ITEMS value */
                MODE_SIGHTED_ITEMS = 2,

                /** MODE_SIGHTED_COUNT value */
                MODE_SIGHTED_COUNT = 3,

                /** MODE_SIGHTED_ITEMS_W1 value */
                MODE_SIGHTED_ITEMS_W1 = 4,

                /** MODE_SIGHTED_COUNT_W1 value */
                MODE_SIGHTED_COUNT_W1 = 5,

                /** MODE_SIGHTED_ITEMS_W2 value */
                MODE_SIGHTED_ITEMS_W2 = 6,

                /** MODE_SIGHTED_COUNT_W2 value */
                MODE_SIGHTED_COUNT_W2 = 7,

                /** MODE_SIGHTED_ITEMS_W3 value */
                MODE_SIGHTED_ITEMS_W3 = 8,

                /** MODE_SIGHTED_COUNT_W3 value */
                MODE_SIGHTED_COUNT_W3 = 9
            }

            /** Status enum. */
            enum Status {

                /** STATUS_OK value */
                STATUS_OK = 0,

                /** STATUS_BUDGET_EXCEEDED value */
                STATUS_BUDGET_EXCEEDED = 1,

                /** STATUS_UNKNOWN_LIST value */
                STATUS_UNKNOWN_LIST = 2,

                /** STATUS_UNKNOWN_EPOCH value */
                STATUS_UNKNOWN_EPOCH = 3,

                /** STATUS_BAD_REQUEST value */
                STATUS_BAD_REQUEST = 4,

                /** STATUS_TOO_LARGE value */
                STATUS_TOO_LARGE = 5,

                /** STATUS_PENDING value */
                STATUS_PENDING = 6,

                /** STATUS_WRONG_SUITE value */
                STATUS_WRONG_SUITE = 7
            }

            /**
             * Properties of a ListAnnouncement.
             * @deprecated Use sightline.psi.v2.ListAnnouncement.$Properties instead.
             */
            interface IListAnnouncement extends sightline.psi.v2.ListAnnouncement.$Properties {
            }

            /** Represents a ListAnnouncement. */
            class ListAnnouncement {

                /**
                 * Constructs a new ListAnnouncement.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.psi.v2.ListAnnouncement.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ListAnnouncement version. */
                version: number;

                /** ListAnnouncement suite. */
                suite: string;

                /** ListAnnouncement epoch. */
                epoch: (number|Long);

                /** ListAnnouncement mode. */
                mode: sightline.psi.v2.Mode;

                /** ListAnnouncement generation. */
                generation: number;

                /** ListAnnouncement index. */
                index: number;

                /** ListAnnouncement listHash. */
                listHash: Uint8Array;

                /** ListAnnouncement points. */
                points: (number|Long);

                /** ListAnnouncement windowSeconds. */
                windowSeconds: (number|Long);

                /**
                 * Creates a new ListAnnouncement instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ListAnnouncement instance
                 */
                static create(properties: sightline.psi.v2.ListAnnouncement.$Shape): sightline.psi.v2.ListAnnouncement & sightline.psi.v2.ListAnnouncement.$Shape;
                static create(properties?: sightline.psi.v2.ListAnnouncement.$Properties): sightline.psi.v2.ListAnnouncement;

                /**
                 * Encodes the specified ListAnnouncement message. Does not implicitly {@link sightline.psi.v2.ListAnnouncement.verify|verify} messages.
                 * @param message ListAnnouncement message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.psi.v2.ListAnnouncement.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ListAnnouncement message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.ListAnnouncement & sightline.psi.v2.ListAnnouncement.$Shape} ListAnnouncement
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.psi.v2.ListAnnouncement & sightline.psi.v2.ListAnnouncement.$Shape;
            }

            namespace ListAnnouncement {

                /** Properties of a ListAnnouncement. */
                interface $Properties {

                    /** ListAnnouncement version */
                    version?: (number|null);

                    /** ListAnnouncement suite */
                    suite?: (string|null);

                    /** ListAnnouncement epoch */
                    epoch?: (number|Long|null);

                    /** ListAnnouncement mode */
                    mode?: (sightline.psi.v2.Mode|null);

                    /** ListAnnouncement generation */
                    generation?: (number|null);

                    /** ListAnnouncement index */
                    index?: (number|null);

                    /** ListAnnouncement listHash */
                    listHash?: (Uint8Array|null);

                    /** ListAnnouncement points */
                    points?: (number|Long|null);

                    /** ListAnnouncement windowSeconds */
                    windowSeconds?: (number|Long|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ListAnnouncement. */
                type $Shape = sightline.psi.v2.ListAnnouncement.$Properties;
            }

            /**
             * Properties of a ListRequest.
             * @deprecated Use sightline.psi.v2.ListRequest.$Properties instead.
             */
            interface IListRequest extends sightline.psi.v2.ListRequest.$Properties {
            }

            /** Represents a ListRequest. */
            class ListRequest {

                /**
                 * Constructs a new ListRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.psi.v2.ListRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ListRequest version. */
                version: number;

                /** ListRequest listHash. */
                listHash: Uint8Array;

                /**
                 * Creates a new ListRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ListRequest instance
                 */
                static create(properties: sightline.psi.v2.ListRequest.$Shape): sightline.psi.v2.ListRequest & sightline.psi.v2.ListRequest.$Shape;
                static create(properties?: sightline.psi.v2.ListRequest.$Properties): sightline.psi.v2.ListRequest;

                /**
                 * Encodes the specified ListRequest message. Does not implicitly {@link sightline.psi.v2.ListRequest.verify|verify} messages.
                 * @param message ListRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.psi.v2.ListRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ListRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.ListRequest & sightline.psi.v2.ListRequest.$Shape} ListRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.psi.v2.ListRequest & sightline.psi.v2.ListRequest.$Shape;
            }

            namespace ListRequest {

                /** Properties of a ListRequest. */
                interface $Properties {

                    /** ListRequest version */
                    version?: (number|null);

                    /** ListRequest listHash */
                    listHash?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ListRequest. */
                type $Shape = sightline.psi.v2.ListRequest.$Properties;
            }

            /**
             * Properties of a ListResponse.
             * @deprecated Use sightline.psi.v2.ListResponse.$Properties instead.
             */
            interface IListResponse extends sightline.psi.v2.ListResponse.$Properties {
            }

            /** Represents a ListResponse. */
            class ListResponse {

                /**
                 * Constructs a new ListResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.psi.v2.ListResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ListResponse version. */
                version: number;

                /** ListResponse status. */
                status: sightline.psi.v2.Status;

                /** ListResponse points. */
                points: Uint8Array;

                /** ListResponse message. */
                message: string;

                /**
                 * Creates a new ListResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ListResponse instance
                 */
                static create(properties: sightline.psi.v2.ListResponse.$Shape): sightline.psi.v2.ListResponse & sightline.psi.v2.ListResponse.$Shape;
                static create(properties?: sightline.psi.v2.ListResponse.$Properties): sightline.psi.v2.ListResponse;

                /**
                 * Encodes the specified ListResponse message. Does not implicitly {@link sightline.psi.v2.ListResponse.verify|verify} messages.
                 * @param message ListResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.psi.v2.ListResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ListResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.ListResponse & sightline.psi.v2.ListResponse.$Shape} ListResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.psi.v2.ListResponse & sightline.psi.v2.ListResponse.$Shape;
            }

            namespace ListResponse {

                /** Properties of a ListResponse. */
                interface $Properties {

                    /** ListResponse version */
                    version?: (number|null);

                    /** ListResponse status */
                    status?: (sightline.psi.v2.Status|null);

                    /** ListResponse points */
                    points?: (Uint8Array|null);

                    /** ListResponse message */
                    message?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ListResponse. */
                type $Shape = sightline.psi.v2.ListResponse.$Properties;
            }

            /**
             * Properties of a RaiseRequest.
             * @deprecated Use sightline.psi.v2.RaiseRequest.$Properties instead.
             */
            interface IRaiseRequest extends sightline.psi.v2.RaiseRequest.$Properties {
            }

            /** Represents a RaiseRequest. */
            class RaiseRequest {

                /**
                 * Constructs a new RaiseRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.psi.v2.RaiseRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RaiseRequest version. */
                version: number;

                /** RaiseRequest suite. */
                suite: string;

                /** RaiseRequest epoch. */
                epoch: (number|Long);

                /** RaiseRequest mode. */
                mode: sightline.psi.v2.Mode;

                /** RaiseRequest listHash. */
                listHash: Uint8Array;

                /** RaiseRequest announcement. */
                announcement: Uint8Array;

                /** RaiseRequest points. */
                points: Uint8Array;

                /**
                 * Creates a new RaiseRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RaiseRequest instance
                 */
                static create(properties: sightline.psi.v2.RaiseRequest.$Shape): sightline.psi.v2.RaiseRequest & sightline.psi.v2.RaiseRequest.$Shape;
                static create(properties?: sightline.psi.v2.RaiseRequest.$Properties): sightline.psi.v2.RaiseRequest;

                /**
                 * Encodes the specified RaiseRequest message. Does not implicitly {@link sightline.psi.v2.RaiseRequest.verify|verify} messages.
                 * @param message RaiseRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.psi.v2.RaiseRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RaiseRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.RaiseRequest & sightline.psi.v2.RaiseRequest.$Shape} RaiseRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.psi.v2.RaiseRequest & sightline.psi.v2.RaiseRequest.$Shape;
            }

            namespace RaiseRequest {

                /** Properties of a RaiseRequest. */
                interface $Properties {

                    /** RaiseRequest version */
                    version?: (number|null);

                    /** RaiseRequest suite */
                    suite?: (string|null);

                    /** RaiseRequest epoch */
                    epoch?: (number|Long|null);

                    /** RaiseRequest mode */
                    mode?: (sightline.psi.v2.Mode|null);

                    /** RaiseRequest listHash */
                    listHash?: (Uint8Array|null);

                    /** RaiseRequest announcement */
                    announcement?: (Uint8Array|null);

                    /** RaiseRequest points */
                    points?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RaiseRequest. */
                type $Shape = sightline.psi.v2.RaiseRequest.$Properties;
            }

            /**
             * Properties of a RaiseResponse.
             * @deprecated Use sightline.psi.v2.RaiseResponse.$Properties instead.
             */
            interface IRaiseResponse extends sightline.psi.v2.RaiseResponse.$Properties {
            }

            /** Represents a RaiseResponse. */
            class RaiseResponse {

                /**
                 * Constructs a new RaiseResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: sightline.psi.v2.RaiseResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RaiseResponse version. */
                version: number;

                /** RaiseResponse status. */
                status: sightline.psi.v2.Status;

                /** RaiseResponse tags. */
                tags: Uint8Array;

                /** RaiseResponse message. */
                message: string;

                /** RaiseResponse budgetRemaining. */
                budgetRemaining: (number|Long);

                /**
                 * Creates a new RaiseResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RaiseResponse instance
                 */
                static create(properties: sightline.psi.v2.RaiseResponse.$Shape): sightline.psi.v2.RaiseResponse & sightline.psi.v2.RaiseResponse.$Shape;
                static create(properties?: sightline.psi.v2.RaiseResponse.$Properties): sightline.psi.v2.RaiseResponse;

                /**
                 * Encodes the specified RaiseResponse message. Does not implicitly {@link sightline.psi.v2.RaiseResponse.verify|verify} messages.
                 * @param message RaiseResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: sightline.psi.v2.RaiseResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RaiseResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.RaiseResponse & sightline.psi.v2.RaiseResponse.$Shape} RaiseResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): sightline.psi.v2.RaiseResponse & sightline.psi.v2.RaiseResponse.$Shape;
            }

            namespace RaiseResponse {

                /** Properties of a RaiseResponse. */
                interface $Properties {

                    /** RaiseResponse version */
                    version?: (number|null);

                    /** RaiseResponse status */
                    status?: (sightline.psi.v2.Status|null);

                    /** RaiseResponse tags */
                    tags?: (Uint8Array|null);

                    /** RaiseResponse message */
                    message?: (string|null);

                    /** RaiseResponse budgetRemaining */
                    budgetRemaining?: (number|Long|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RaiseResponse. */
                type $Shape = sightline.psi.v2.RaiseResponse.$Properties;
            }
        }
    }
}
